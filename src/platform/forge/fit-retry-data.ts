/**
 * Forge keeps at most 4 KB of retryData per event (limits-async-events); the runtime is reported to
 * measure `Buffer.byteLength(JSON.stringify(retryData))` (UNVERIFIED). We stay under 4000 bytes so
 * either reading of "KB" holds.
 */
export const RETRY_DATA_MAX_BYTES = 4000;

/** Added to trimmed retryData: how many top-level fields were dropped. */
export const RETRY_DATA_TRIMMED_FIELD = '_trimmedFields';

function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * `data` unchanged when its JSON fits in `maxBytes`; otherwise a copy that keeps the smallest
 * top-level fields that fit (in their original order when sizes tie), drops the rest, and records
 * how many were dropped under RETRY_DATA_TRIMMED_FIELD. Always returns an object.
 */
export function fitRetryData(
  data: Record<string, unknown>,
  maxBytes: number = RETRY_DATA_MAX_BYTES,
): Record<string, unknown> {
  if (byteSize(data) <= maxBytes) return data;
  const entries = Object.entries(data)
    .map(([key, value]) => ({ key, value, bytes: byteSize({ [key]: value }) }))
    .sort((a, b) => a.bytes - b.bytes);
  const kept: Record<string, unknown> = {};
  let dropped = 0;
  for (const { key, value } of entries) {
    const candidate = { ...kept, [key]: value, [RETRY_DATA_TRIMMED_FIELD]: entries.length };
    if (byteSize(candidate) <= maxBytes) kept[key] = value;
    else dropped += 1;
  }
  return { ...kept, [RETRY_DATA_TRIMMED_FIELD]: dropped };
}
