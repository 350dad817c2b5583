import { z } from 'zod';
import type { ConfluenceApi } from '../../ports/confluence-api';
import type { Http } from '../../ports/http';

const attachmentsSchema = z.looseObject({
  results: z.array(
    z.looseObject({ title: z.string(), mediaType: z.string().optional(), downloadLink: z.string() }),
  ),
});

export interface Download {
  bytes: Uint8Array;
  contentType: string;
}

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Downloads an attachment of a page: finds it by filename (v2), then fetches its download link.
 * Confluence answers the download with a redirect to its media service; the redirect target is a
 * capability URL fetched without Confluence credentials (on Forge, whether requestConfluence
 * follows it by itself is UNVERIFIED; both cases are handled). undefined: not found or too big.
 */
export async function downloadAttachment(
  api: ConfluenceApi,
  http: Http | undefined,
  pageId: string,
  filename: string,
): Promise<Download | undefined> {
  const list = await api.request(
    `/wiki/api/v2/pages/${encodeURIComponent(pageId)}/attachments?filename=${encodeURIComponent(filename)}`,
  );
  if (list.status !== 200) return undefined;
  const found = attachmentsSchema
    .safeParse(JSON.parse(await list.text()))
    .data?.results.find((a) => a.title === filename);
  if (!found) return undefined;
  let res = await api.request(`/wiki${found.downloadLink}`, { headers: { accept: '*/*' } });
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && location && http) {
    res = await http.fetch({ method: 'GET', url: location, headers: { accept: '*/*' } });
  }
  if (res.status !== 200) return undefined;
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > MAX_BYTES) return undefined;
  return {
    bytes,
    contentType: res.headers.get('content-type') ?? found.mediaType ?? 'application/octet-stream',
  };
}

const listSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      title: z.string(),
      mediaType: z.string().optional(),
      fileSize: z.number().optional(),
      downloadLink: z.string(),
    }),
  ),
  _links: z.looseObject({ base: z.string().optional() }).optional(),
});

export interface AttachmentLink {
  filename: string;
  mediaType: string;
  /** Absolute download URL (readers need Confluence access to open it). */
  url: string;
}

/** The page's attachments (first 50), for targets that list them. */
export async function listAttachments(
  api: ConfluenceApi,
  pageId: string,
  siteBase: string | undefined,
): Promise<AttachmentLink[]> {
  const res = await api.request(`/wiki/api/v2/pages/${encodeURIComponent(pageId)}/attachments?limit=50`);
  if (res.status !== 200) return [];
  const parsed = listSchema.safeParse(JSON.parse(await res.text()));
  if (!parsed.success) return [];
  const base = parsed.data._links?.base ?? siteBase ?? '';
  return parsed.data.results.map((a) => ({
    filename: a.title,
    mediaType: a.mediaType ?? 'application/octet-stream',
    url: `${base}${a.downloadLink}`,
  }));
}
