import type { AttachmentRecord } from './attachment-book';
import { versionJson } from './v2-json';

/** UNVERIFIED: Confluence's wording; types not listed here get `null` (the schema allows it). */
const MEDIA_TYPE_DESCRIPTIONS: Record<string, string> = {
  'image/png': 'PNG Image',
  'image/jpeg': 'JPEG Image',
  'image/gif': 'GIF Image',
  'image/svg+xml': 'SVG Image',
  'application/pdf': 'PDF Document',
  'text/plain': 'Text File',
  'application/zip': 'ZIP Archive',
};

/**
 * `/download/attachments/{pageId}/{filename}?version=N&modificationDate=<ms>&api=v2`, relative to
 * `/wiki` (so the site path is `/wiki/download/…`). UNVERIFIED: the exact query string.
 */
export function downloadLink(attachment: AttachmentRecord): string {
  const modified = Date.parse(attachment.version.createdAt);
  const file = encodeURIComponent(attachment.filename);
  return `/download/attachments/${attachment.pageId}/${file}?version=${attachment.version.number}&modificationDate=${modified}&api=v2`;
}

/** UNVERIFIED: the attachment preview URL of the page's attachment list. */
export function webuiLink(attachment: AttachmentRecord): string {
  const preview = `/${attachment.pageId}/${attachment.id.slice(3)}/${attachment.filename}`;
  return `/pages/viewpageattachments.action?pageId=${attachment.pageId}&preview=${encodeURIComponent(preview)}`;
}

/** A v2 `Attachment` as the page-attachments listing returns it (cjs models/attachment.ts). */
export function attachmentJson(attachment: AttachmentRecord): Record<string, unknown> {
  const webui = webuiLink(attachment);
  const download = downloadLink(attachment);
  return {
    id: attachment.id,
    status: attachment.status,
    title: attachment.filename,
    createdAt: attachment.createdAt,
    pageId: attachment.pageId,
    mediaType: attachment.mediaType,
    mediaTypeDescription: MEDIA_TYPE_DESCRIPTIONS[attachment.mediaType] ?? null,
    comment: attachment.comment,
    fileId: attachment.fileId,
    fileSize: attachment.bytes.byteLength,
    webuiLink: webui,
    downloadLink: download,
    version: versionJson(attachment.version),
    _links: { webui, download },
  };
}
