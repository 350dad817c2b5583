import { createHash } from 'node:crypto';

/**
 * The deterministic id of one delivery: the same (content, version, state digest, target, action)
 * always yields the same id, so retries and redeliveries reuse it (it is the `webhook-id`).
 */
export function deliveryId(parts: {
  contentId: string;
  version: number;
  digest: string;
  targetId: string;
  action: string;
}): string {
  const input = [parts.contentId, parts.version, parts.digest, parts.targetId, parts.action].join('|');
  return `msg_${createHash('sha256').update(input).digest('base64url').slice(0, 27)}`;
}

/** A short stable digest of what a target would receive (title, labels, status, body…). */
export function stateDigest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}
