import { Webhook } from 'standardwebhooks';
import type { TestClock } from './test-clock';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OTHER_SECRET = 'whsec_' + Buffer.from('another-secret-of-24-bytes!!').toString('base64');

export interface Delivery {
  id: string;
  body: string;
  /** Unix seconds; defaults to the clock's now. */
  timestamp?: number;
  secrets?: string[];
  signature?: string;
  contentType?: string;
  signal?: AbortSignal;
}

export function pageBody(
  type: string,
  pageId: string,
  version: number,
  extra: Record<string, unknown> = {},
): string {
  const data = { pageId, version, title: `Page ${pageId}`, labels: ['kb'], ...extra };
  return JSON.stringify({ type, timestamp: '2026-03-02T10:00:00.000Z', data });
}

/** POSTs a Standard Webhooks request, signed with each secret (space-separated signatures). */
export async function deliver(url: string, clock: TestClock, d: Delivery): Promise<Response> {
  const timestamp = d.timestamp ?? Math.floor(clock.now() / 1000);
  const signature =
    d.signature ??
    (d.secrets ?? [SECRET])
      .map((secret) => new Webhook(secret).sign(d.id, new Date(timestamp * 1000), d.body))
      .join(' ');
  return fetch(`${url}/hooks/relay`, {
    method: 'POST',
    headers: {
      'content-type': d.contentType ?? 'application/json',
      'webhook-id': d.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body: d.body,
    ...(d.signal === undefined ? {} : { signal: d.signal }),
  });
}
