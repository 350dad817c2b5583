import type { BuildContext, ElementHandler } from './build-context';
import type { ImageSource } from './convert-options';
import type { ImageInfo, Inline } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import * as text from './inline-text';
import type { XmlAttrs } from './node-sink';
import * as resources from './resource-target';
import * as tree from './xml-tree';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { inlineText } = text;
const { resourceTarget } = resources;
const { childElement } = tree;

interface ImageParts {
  source: ImageSource | undefined;
  alt: string | undefined;
  width: string | undefined;
  height: string | undefined;
  caption: Inline[];
}

/** `<ac:image>` with `ri:attachment` or `ri:url`, an optional `ac:caption`, alt text and width. */
export const acImage: ElementHandler = (el, b, ctx) => {
  const caption = childElement(el, 'ac:caption');
  addImage(b, ctx, {
    source: imageSource(el),
    alt: el.attrs['ac:alt'] || el.attrs['ac:title'],
    width: el.attrs['ac:width'] ?? el.attrs.width,
    height: el.attrs['ac:height'] ?? el.attrs.height,
    caption: caption === undefined ? [] : ctx.inlines(caption.children),
  });
};

/** A plain `<img src>` (pasted content, ADF fallbacks): its attributes say all. */
export function htmlImage(attrs: XmlAttrs, b: FlowBuilder, ctx: BuildContext): void {
  const src = attrs.src;
  addImage(b, ctx, {
    source: src ? { kind: 'url', url: src } : undefined,
    alt: attrs.alt || attrs.title,
    width: attrs.width,
    height: attrs.height,
    caption: [],
  });
}

function imageSource(el: XmlElement): ImageSource | undefined {
  for (const child of el.children) {
    if (child.type !== 'element' || !child.name.startsWith('ri:')) continue;
    const target = resourceTarget(child);
    if (target?.kind === 'attachment')
      return { kind: 'attachment', filename: target.filename, page: target.page };
    if (target?.kind === 'url') return { kind: 'url', url: target.url };
  }
  return undefined;
}

/** A figure when it has a caption; otherwise inline (a paragraph of its own between blocks). */
function addImage(b: FlowBuilder, ctx: BuildContext, parts: ImageParts): void {
  const captionText = inlineText(parts.caption).trim();
  if (parts.source === undefined) {
    ctx.warnings.add('unresolved-image', 'image without an attachment or URL');
    if (parts.caption.length > 0) b.addBlock({ kind: 'paragraph', children: parts.caption });
    return;
  }
  const fallbackAlt =
    parts.source.kind === 'attachment' ? parts.source.filename : lastSegment(parts.source.url);
  const image: ImageInfo = {
    src: ctx.urls.image(parts.source),
    alt: (parts.alt ?? '').trim() || captionText || fallbackAlt,
    width: dimension(parts.width),
    height: dimension(parts.height),
  };
  ctx.images.push({
    source: parts.source,
    url: image.src,
    alt: image.alt,
    caption: captionText || undefined,
    width: image.width,
    height: image.height,
  });
  if (parts.caption.length === 0) b.addInline({ kind: 'image', image });
  else b.addBlock({ kind: 'figure', image, caption: parts.caption });
}

function lastSegment(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    return error instanceof URIError ? segment : '';
  }
}

function dimension(value: string | undefined): number | undefined {
  const n = Number.parseFloat(value ?? '');
  return Number.isFinite(n) && n > 0 && n < 100_000 ? Math.round(n) : undefined;
}
