import type { WebhookTargetSettings } from '../../domain/settings';
import { classifyResponse, networkFailure } from '../http-outcome';
import type { ConnectionTest, TargetDeps } from '../target-adapter';
import { signatureHeader } from './sign';

/** Words for the answers an admin can do something about; the rest come from classifyResponse. */
function advice(
  status: number,
  host: string,
  detail: string,
): { reason: string; field?: string } | undefined {
  if (status === 400 || status === 422)
    return {
      reason: `${host} was reached but refused the test message (${status}${detail ? `: ${detail}` : ''}); the receiver should answer 2xx to type relay.test`,
    };
  if (status === 401 || status === 403)
    return {
      reason: `${host} refused the request (${status}): the receiver must verify with the signing secret set here`,
      field: 'secret',
    };
  if (status === 404)
    return { reason: `${host} has nothing at this path (404): check the URL`, field: 'url' };
  if (status >= 300 && status < 400)
    return {
      reason: `${host} redirects (${status}); Relay does not follow redirects: give the final URL`,
      field: 'url',
    };
  return undefined;
}

/**
 * "Test connection": one signed `relay.test` message (Standard Webhooks headers, like a delivery,
 * with a fresh `webhook-id`); the receiver's answer in words an admin can act on.
 */
export async function testWebhookConnection(
  settings: WebhookTargetSettings,
  deps: TargetDeps,
  request: { secrets: string[]; userAgent: string; signal: AbortSignal },
): Promise<ConnectionTest> {
  const { secrets, userAgent, signal } = request;
  if (secrets.length === 0)
    return { ok: false, reason: 'no valid signing secret (whsec_…) is set for this target', field: 'secret' };
  const now = deps.clock.now();
  const id = `msg_test_${settings.id}_${now}`;
  const body = JSON.stringify({
    type: 'relay.test',
    timestamp: new Date(now).toISOString(),
    data: { targetId: settings.id, message: 'Test connection from Relay for Confluence' },
  });
  const timestamp = Math.floor(now / 1000);
  const url = settings.url;
  const host = new URL(url).host;
  try {
    const res = await deps.http.fetch({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'user-agent': userAgent,
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, id, timestamp, body),
      },
      body,
      signal,
    });
    const egressAllowed = res.status === 403 ? await deps.http.egressAllowed?.(url) : undefined;
    if (res.status >= 200 && res.status < 300) return { ok: true, detail: `${host} answered ${res.status}` };
    const text = (await res.text().catch(() => '')).slice(0, 200);
    const answer = {
      status: res.status,
      headers: res.headers,
      text: async () => text,
      arrayBuffer: () => res.arrayBuffer(),
    };
    const outcome = await classifyResponse(answer, { url, now: deps.clock.now(), egressAllowed });
    const reason = 'reason' in outcome ? outcome.reason : `${host} answered ${res.status}`;
    if (egressAllowed === false) return { ok: false, reason, field: 'url' };
    return { ok: false, ...(advice(res.status, host, text) ?? { reason }) };
  } catch (error) {
    const failure = networkFailure(error, url);
    return {
      ok: false,
      reason: 'reason' in failure ? failure.reason : `${host} did not answer`,
      field: 'url',
    };
  }
}
