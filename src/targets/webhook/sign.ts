import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks v1 signatures: base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)) where the
 * key is the base64-decoded part of a `whsec_` secret. Several secrets (key rotation) yield several
 * space-separated signatures; receivers accept any.
 */
const PREFIX = 'whsec_';

export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return key.length >= 24 && key.length <= 64;
}

export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  if (!isWebhookSecret(secret))
    throw new Error('webhook secret must be whsec_ followed by 24–64 base64 bytes');
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signPayload(secret, id, timestamp, body)).join(' ');
}

/** A new random secret, shown once to the admin and kept in secret storage. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}
