import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  isWebhookSecret,
  signatureHeader,
  signPayload,
} from '../../../src/targets/webhook/sign';

// The published Standard Webhooks test vector (reference/targets.md C.1).
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TIMESTAMP = 1674087231;
const BODY = '{"type":"page.updated","timestamp":"2022-11-03T20:26:10.344522Z","data":{"page_id":"12345"}}';

describe('Standard Webhooks signing', () => {
  it('matches the published test vector', () => {
    expect(signPayload(SECRET, ID, TIMESTAMP, BODY)).toBe('v1,ylHnrSmNN/A7kfc3/SpblCDJHKxBjHNRt0rOPDM9VHM=');
  });

  it('agrees with the spec library for a fresh secret', () => {
    const secret = generateWebhookSecret();
    const reference = new Webhook(secret).sign(ID, new Date(TIMESTAMP * 1000), BODY);
    expect(signPayload(secret, ID, TIMESTAMP, BODY)).toBe(reference);
  });

  it('signs with every secret during rotation, space-separated', () => {
    const other = generateWebhookSecret();
    const header = signatureHeader([other, SECRET], ID, TIMESTAMP, BODY).split(' ');
    expect(header).toHaveLength(2);
    expect(header[1]).toBe('v1,ylHnrSmNN/A7kfc3/SpblCDJHKxBjHNRt0rOPDM9VHM=');
  });

  it('refuses secrets that are not whsec_ with 24–64 bytes', () => {
    expect(isWebhookSecret(SECRET)).toBe(true);
    expect(isWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
    expect(isWebhookSecret('whsec_c2hvcnQ=')).toBe(false);
    expect(() => signPayload('plain-secret', ID, TIMESTAMP, BODY)).toThrow(/whsec_/);
  });
});
