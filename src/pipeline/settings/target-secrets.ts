import { z } from 'zod';
import { assertNever } from '../../domain/assert-never';
import { secretKeys } from '../../domain/storage-layout';
import type { SecretStore } from '../../ports/secret-store';
import { isWebhookSecret } from '../../targets/webhook/sign';
import { loadSigningSecrets } from '../../targets/webhook/webhook-adapter';
import type { AnyTarget } from './any-target';

/** A new secret from the form. Absent: keep the stored one. Secrets are write-only. */
export const secretInputSchema = z.object({
  value: z.string().trim().min(1, 'must not be empty').max(2000),
  /** Webhooks: keep the previous signing secret valid too while receivers switch (rotation). */
  keepPrevious: z.boolean().default(false),
});
export type SecretInput = z.infer<typeof secretInputSchema>;

/** Receivers verify with up to three secrets during a rotation. */
const MAX_SIGNING_SECRETS = 3;
const BITRIX_WEBHOOK_PATH = /^\/rest\/\d+\/[A-Za-z0-9]+\/?$/;

/** Why a new secret does not fit the target, in the form's words; undefined when it fits. */
export function secretProblem(target: AnyTarget, value: string): string | undefined {
  switch (target.kind) {
    case 'webhook':
      return isWebhookSecret(value)
        ? undefined
        : 'must be a signing secret: whsec_ followed by 24–64 base64 bytes';
    case 'halo':
      return undefined;
    case 'bitrix24':
      return bitrixWebhookProblem(target.portalUrl, value);
    default:
      return assertNever(target, 'target kind');
  }
}

function bitrixWebhookProblem(portalUrl: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be the inbound webhook URL, such as https://acme.bitrix24.com/rest/1/abc123/';
  }
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (url.host !== new URL(portalUrl).host) return 'must be on the portal given above';
  if (!BITRIX_WEBHOOK_PATH.test(url.pathname))
    return 'must be the inbound webhook URL, such as https://acme.bitrix24.com/rest/1/abc123/';
  return undefined;
}

/** Whether the target has a usable secret (never the secret itself). */
export async function secretIsSet(secrets: SecretStore, target: AnyTarget): Promise<boolean> {
  switch (target.kind) {
    case 'webhook':
      return (await loadSigningSecrets({ secrets }, target.id)).length > 0;
    case 'halo':
      return Boolean(await secrets.getSecret(secretKeys.haloClientSecret(target.id)));
    case 'bitrix24':
      return Boolean(await secrets.getSecret(secretKeys.bitrixWebhookUrl(target.id)));
    default:
      return assertNever(target, 'target kind');
  }
}

/** Stores a checked secret; a new Halo secret also drops the token cached with the old one. */
export async function storeSecret(
  secrets: SecretStore,
  target: AnyTarget,
  input: SecretInput,
): Promise<void> {
  switch (target.kind) {
    case 'webhook': {
      const previous = input.keepPrevious ? await loadSigningSecrets({ secrets }, target.id) : [];
      const kept = previous.filter((s) => s !== input.value);
      const next = [input.value, ...kept].slice(0, MAX_SIGNING_SECRETS);
      return secrets.setSecret(secretKeys.webhookSecrets(target.id), JSON.stringify(next));
    }
    case 'halo':
      await secrets.setSecret(secretKeys.haloClientSecret(target.id), input.value);
      return secrets.deleteSecret(secretKeys.haloToken(target.id));
    case 'bitrix24':
      return secrets.setSecret(secretKeys.bitrixWebhookUrl(target.id), input.value);
    default:
      return assertNever(target, 'target kind');
  }
}
