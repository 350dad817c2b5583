import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Clock } from '../../ports/clock';

export type Verification = { ok: true } | { ok: false; reason: string };

export interface SignedHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

function sameBytes(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Standard Webhooks verification, independent of the sender's code: the expected `v1,…` value is
 * computed by the spec's own library (`Webhook#sign`), each space-separated entry of
 * `webhook-signature` is compared in constant time, and the timestamp is checked against the
 * injected clock (the sandbox runs in virtual time, so Date.now() would be wrong).
 */
export class SignatureVerifier {
  private readonly signers: Webhook[];

  constructor(
    secrets: readonly string[],
    private readonly clock: Clock,
    private readonly toleranceSeconds: number,
  ) {
    if (secrets.length === 0) throw new Error('the webhook receiver needs at least one secret');
    for (const secret of secrets) {
      if (!secret.startsWith('whsec_')) throw new Error('webhook secrets must start with whsec_');
    }
    this.signers = secrets.map((secret) => new Webhook(secret));
  }

  verify(headers: SignedHeaders, rawBody: string): Verification {
    const { id, timestamp, signature } = headers;
    if (id === undefined || id === '' || signature === undefined || timestamp === undefined) {
      return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
    }
    if (id.includes('.')) return { ok: false, reason: `webhook-id must not contain '.': ${id}` };
    if (!/^[0-9]{1,12}$/.test(timestamp))
      return { ok: false, reason: `webhook-timestamp is not unix seconds: ${timestamp}` };
    const seconds = Number(timestamp);
    const skew = this.clock.now() / 1000 - seconds;
    if (skew > this.toleranceSeconds)
      return { ok: false, reason: `webhook-timestamp too old by ${Math.round(skew)}s` };
    if (-skew > this.toleranceSeconds)
      return { ok: false, reason: `webhook-timestamp too new by ${Math.round(-skew)}s` };
    const expected = this.signers.map((signer) => signer.sign(id, new Date(seconds * 1000), rawBody));
    const entries = signature.split(' ').filter((entry) => entry !== '');
    const matched = entries.some((entry) => expected.some((value) => sameBytes(entry, value)));
    return matched
      ? { ok: true }
      : { ok: false, reason: 'no webhook-signature entry matches an accepted secret' };
  }
}
