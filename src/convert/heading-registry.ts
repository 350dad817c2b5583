import type { HeadingEntry, HeadingLevel, Inline } from './doc-model';
import { inlineText } from './inline-text';

/** Punctuation and symbols GitHub drops from heading ids (ASCII ones, and the common Unicode blocks). */
const NOT_SLUG =
  /[\u0000-\u001f!-,./:-@[-^`{-~\u007f-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]|[\ud800-\udfff]/g;

/**
 * Collects headings in document order and gives each a unique id, made the way GitHub makes heading
 * ids (lower case, punctuation dropped, spaces to hyphens), so Markdown links work on GitHub as well.
 */
export class HeadingRegistry {
  readonly entries: HeadingEntry[] = [];
  private readonly used = new Set<string>();
  /** Next suffix to try per base id: keeps thousands of equal headings linear. */
  private readonly next = new Map<string, number>();

  /** An anchor macro inside the heading gives it its id (so links to the anchor and the TOC agree). */
  register(level: HeadingLevel, children: Inline[]): string {
    const text = inlineText(children).replace(/\s+/g, ' ').trim();
    const anchor = children.find((node) => node.kind === 'anchor');
    const preferred = anchor?.kind === 'anchor' && !this.used.has(anchor.id) ? anchor.id : undefined;
    const id = preferred === undefined ? this.unique(slug(text)) : this.unique(preferred);
    this.entries.push({ level, id, text });
    return id;
  }

  private unique(base: string): string {
    let id = base;
    let n = this.next.get(base) ?? 1;
    while (this.used.has(id)) id = `${base}-${n++}`;
    this.next.set(base, n);
    this.used.add(id);
    return id;
  }
}

export function slug(text: string): string {
  const id = text.toLowerCase().replace(NOT_SLUG, '').replace(/ /g, '-');
  return id === '' ? 'section' : id;
}
