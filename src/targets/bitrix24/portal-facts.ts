import type { BitrixClient } from './bitrix-client';

/** The task fields (`UF_…`) defined on the portal (`task.item.userfield.getlist`). */
export async function taskFieldNames(client: BitrixClient): Promise<string[]> {
  const fields = await client.call('task.item.userfield.getlist', {}, 'the task fields');
  return Array.isArray(fields.result)
    ? fields.result.map((f) => String((f as { FIELD_NAME?: unknown }).FIELD_NAME ?? ''))
    : [];
}

/** `2026-01-05T12:00:00+03:00` minus a second, in the same offset. */
export function secondBefore(portalDate: string): string | undefined {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.\d+)?([+-]\d\d:\d\d|Z)$/.exec(portalDate);
  if (!m?.[1] || !m[2]) return undefined;
  const offset =
    m[2] === 'Z'
      ? 0
      : (m[2].startsWith('-') ? -1 : 1) * (Number(m[2].slice(1, 3)) * 60 + Number(m[2].slice(4)));
  const at = Date.parse(`${m[1]}Z`) - offset * 60_000 - 1000;
  const local = new Date(at + offset * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${m[2]}`;
}
