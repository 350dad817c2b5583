import type { ImageRef } from '../../convert/convert-result';
import type { ConfluenceLookups } from '../target-adapter';
import type { HaloClient } from './halo-client';
import { HaloError } from './halo-errors';

/** New images uploaded per delivery; the rest follow in a continuation job (fetch budget). */
export const MAX_NEW_IMAGES = 10;

export interface Rehosted {
  html: string;
  /** filename → Halo image link, kept in the ledger so unchanged images are not uploaded again. */
  links: Record<string, string>;
  notes: string[];
  /** Images left for a continuation job (more than MAX_NEW_IMAGES were new). */
  pending: number;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Re-hosts the page's own attached images in Halo (`POST /api/attachment/image`) and points the
 * article at the returned links. An image that cannot be fetched or uploaded stays a link to
 * Confluence, with a note: it never fails the article. Rate limits still propagate.
 */
export async function rehostImages(args: {
  html: string;
  images: ImageRef[];
  pageId: string;
  known: Record<string, string>;
  client: HaloClient;
  confluence?: ConfluenceLookups;
}): Promise<Rehosted> {
  let html = args.html;
  const links: Record<string, string> = {};
  const notes: string[] = [];
  let uploads = 0;
  let pending = 0;
  for (const image of args.images) {
    const { source, url } = image;
    if (source.kind !== 'attachment' || source.page || !url) continue;
    let link = args.known[source.filename] ?? links[source.filename];
    if (!link && uploads >= MAX_NEW_IMAGES) {
      pending++;
      continue;
    }
    if (!link) {
      uploads++;
      link = await upload(args, source.filename, notes);
    }
    if (!link) continue;
    links[source.filename] = link;
    html = html.split(`src="${escapeAttr(url)}"`).join(`src="${escapeAttr(link)}"`);
  }
  if (pending > 0) notes.push(`${pending} more image(s) follow in a continuation`);
  return { html, links, notes, pending };
}

async function upload(
  args: Parameters<typeof rehostImages>[0],
  filename: string,
  notes: string[],
): Promise<string | undefined> {
  const file = await args.confluence?.download(args.pageId, filename);
  if (!file) {
    notes.push(`image ${filename} could not be read from Confluence; left as a link`);
    return undefined;
  }
  try {
    return await args.client.uploadImage(filename, file.bytes, file.contentType);
  } catch (error) {
    if (!(error instanceof HaloError) || error.kind !== 'rejected') throw error;
    notes.push(`Halo refused image ${filename} (${error.haloMessage ?? error.message}); left as a link`);
    return undefined;
  }
}
