import { assertNever } from '../domain/assert-never';
import type { ImageInfo, Inline, MarkKind } from './doc-model';
import * as escape from './html-escape';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { classToken, escapeAttribute, escapeHtml } = escape;

const TAGS: Readonly<Record<MarkKind, string>> = {
  strong: 'strong',
  em: 'em',
  underline: 'u',
  strike: 's',
  sub: 'sub',
  sup: 'sup',
  code: 'code',
};

export function htmlInlines(nodes: readonly Inline[]): string {
  let out = '';
  for (const node of nodes) out += htmlInline(node);
  return out;
}

function htmlInline(node: Inline): string {
  switch (node.kind) {
    case 'text':
      return escapeHtml(node.text);
    case 'mark': {
      const tag = TAGS[node.mark];
      return `<${tag}>${htmlInlines(node.children)}</${tag}>`;
    }
    case 'link':
      if (node.href === undefined) return htmlInlines(node.children);
      return `<a href="${escapeAttribute(node.href)}">${htmlInlines(node.children)}</a>`;
    case 'break':
      return '<br>';
    case 'image':
      return htmlImage(node.image);
    case 'anchor':
      return `<a id="${escapeAttribute(node.id)}"></a>`;
    case 'status':
      return `<span class="status status-${classToken(node.colour)}">[${escapeHtml(node.text)}]</span>`;
    case 'math':
      return `<code class="math">${escapeHtml(node.tex)}</code>`;
    default:
      return assertNever(node, 'inline');
  }
}

/** `<img>` with a safe src, alt and width; an unresolved image shows its alt text instead. */
export function htmlImage(image: ImageInfo): string {
  if (image.src === undefined) return escapeHtml(`[Image: ${image.alt}]`);
  const width = image.width === undefined ? '' : ` width="${image.width}"`;
  return `<img src="${escapeAttribute(image.src)}" alt="${escapeAttribute(image.alt)}"${width}>`;
}
