import { webhookUrlSchema } from '../../domain/settings';

/** An inbound webhook: `https://portal/rest/{userId}/{code}/` (targets.md B.1). */
export interface BitrixWebhook {
  /** `https://portal/rest/{userId}/{code}/`: classic methods go below it. */
  base: string;
  /** `https://portal/rest/api/{userId}/{code}/`: REST 3.0 methods go below it. */
  v3Base: string;
  host: string;
  /** The Bitrix24 user the webhook acts as. */
  userId: string;
}

export type WebhookParse = { ok: true; webhook: BitrixWebhook } | { ok: false; reason: string };

const PATH = /^\/rest\/(\d+)\/([A-Za-z0-9]+)\/?(?:[a-z][a-z0-9_.]*(?:\.json)?)?$/i;

/**
 * Reads the webhook URL an admin pasted (with or without a method at the end) and checks it is on
 * the configured portal. Reasons never repeat the URL: its code is the secret.
 */
export function parseWebhookUrl(value: string | undefined, portalUrl: string): WebhookParse {
  if (value === undefined || value.trim() === '')
    return { ok: false, reason: 'the Bitrix24 webhook URL is not set' };
  if (!webhookUrlSchema.safeParse(value.trim()).success)
    return { ok: false, reason: 'the Bitrix24 webhook URL must be an https:// URL' };
  const url = new URL(value.trim());
  const match = PATH.exec(url.pathname);
  if (!match?.[1] || !match[2] || url.search !== '')
    return {
      ok: false,
      reason: 'the Bitrix24 webhook URL must look like https://portal/rest/{user id}/{code}/',
    };
  const portal = new URL(portalUrl);
  if (portal.host.toLowerCase() !== url.host.toLowerCase())
    return { ok: false, reason: `the Bitrix24 webhook URL is not on the portal ${portal.host}` };
  const origin = `${url.protocol}//${url.host}`;
  return {
    ok: true,
    webhook: {
      base: `${origin}/rest/${match[1]}/${match[2]}/`,
      v3Base: `${origin}/rest/api/${match[1]}/${match[2]}/`,
      host: url.host,
      userId: match[1],
    },
  };
}
