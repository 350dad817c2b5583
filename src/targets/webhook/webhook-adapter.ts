import type { WebhookTargetSettings } from '../../domain/settings';
import { secretKeys } from '../../domain/storage-layout';
import { classifyResponse, networkFailure } from '../http-outcome';
import type {
  ConnectionTest,
  DeliveryAttempt,
  DeliveryItem,
  PayloadPreview,
  TargetAdapter,
  TargetDeps,
  TargetResult,
} from '../target-adapter';
import { buildPayload } from './webhook-payload';
import { isWebhookSecret, signatureHeader } from './sign';
import { testWebhookConnection } from './webhook-connection-test';

export const USER_AGENT = 'Relay-for-Confluence/0.1 (+Standard Webhooks)';

/** Reads a target's signing secrets (JSON array of whsec_ strings, newest first). */
export async function loadSigningSecrets(
  deps: Pick<TargetDeps, 'secrets'>,
  targetId: string,
): Promise<string[]> {
  const raw = await deps.secrets.getSecret(secretKeys.webhookSecrets(targetId));
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Never echo the parse error: its message would quote the secret.
    return [];
  }
  return Array.isArray(parsed)
    ? parsed.filter((s): s is string => typeof s === 'string' && isWebhookSecret(s))
    : [];
}

/** A generic HTTPS endpoint, signed per Standard Webhooks. */
export class WebhookAdapter implements TargetAdapter {
  constructor(
    private readonly settings: WebhookTargetSettings,
    private readonly deps: TargetDeps,
  ) {}

  async preview(item: DeliveryItem): Promise<PayloadPreview> {
    const off = this.switchedOff(item);
    if (off) return { request: 'nothing is sent', notes: [off] };
    return {
      request: "POST to the target's URL",
      contentType: 'application/json',
      body: JSON.stringify(buildPayload(item, this.settings, this.deps.clock.now())),
      notes: ['webhook-id, webhook-timestamp and webhook-signature headers are added at delivery'],
    };
  }

  private switchedOff(item: DeliveryItem): string | undefined {
    if (item.action === 'remove' && !this.settings.sendRemovals) return 'this target takes no removals';
    if (item.action === 'notify' && !this.settings.sendComments) return 'this target takes no comments';
    return undefined;
  }

  async deliver(item: DeliveryItem, attempt: DeliveryAttempt): Promise<TargetResult> {
    if (this.switchedOff(item)) return { kind: 'delivered' };
    const secrets = await loadSigningSecrets(this.deps, this.settings.id);
    if (secrets.length === 0)
      return { kind: 'failed', reason: 'no valid signing secret (whsec_…) is set for this target' };
    const now = this.deps.clock.now();
    const body = JSON.stringify(buildPayload(item, this.settings, now));
    const timestamp = Math.floor(now / 1000);
    const url = this.settings.url;
    const timeout = AbortSignal.timeout(this.settings.timeoutSeconds * 1000);
    try {
      const res = await this.deps.http.fetch({
        method: 'POST',
        url,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': attempt.deliveryId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, attempt.deliveryId, timestamp, body),
        },
        body,
        signal: AbortSignal.any([attempt.signal, timeout]),
      });
      const egressAllowed = res.status === 403 ? await this.deps.http.egressAllowed?.(url) : undefined;
      return await classifyResponse(res, { url, now: this.deps.clock.now(), egressAllowed });
    } catch (error) {
      return networkFailure(error, url);
    }
  }

  /** One signed test message; bounded by `signal`. */
  async testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    const secrets = await loadSigningSecrets(this.deps, this.settings.id);
    return testWebhookConnection(this.settings, this.deps, { secrets, userAgent: USER_AGENT, signal });
  }
}
