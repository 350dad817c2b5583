import type { z } from 'zod';
import type { PageSnapshot } from '../../domain/snapshots';
import type { pageSchema } from './confluence-schemas';

export function toSnapshot(
  raw: z.infer<typeof pageSchema>,
  labels: Array<{ name: string; prefix: string }>,
): PageSnapshot {
  const base = raw._links.base ?? '';
  const webui = raw._links.webui;
  return {
    id: raw.id,
    title: raw.title,
    status: raw.status,
    spaceId: raw.spaceId,
    spaceKey: webui ? /^\/spaces\/([^/]+)\//.exec(webui)?.[1] : undefined,
    parentId: raw.parentId ?? undefined,
    version: { ...raw.version },
    body: raw.body.storage?.value ?? '',
    labels: labels.map((l) => ({ name: l.name, prefix: l.prefix })),
    url: webui ? `${base}${webui}` : undefined,
  };
}
