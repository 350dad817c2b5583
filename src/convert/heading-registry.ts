import type { HeadingEntry, HeadingLevel, Inline } from './doc-model';
import * as inline from './inline-text';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { inlineText } = inline;

/** Punctuation and symbols GitHub drops from heading ids (ASCII ones, and the common Unicode blocks). */
const NOT_SLUG =
  /[\u0000-\u001f!-,./:-@[-^`{-~\u007f-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]|[\ud800-\udfff]/g;

/** Whitespace other than a single space: only then does the heading text need collapsing. */
const NEEDS_COLLAPSE = /[^\S ]| \s/;

/**
 * Collects headings in document order and gives each a unique id, made the way GitHub makes heading
 * ids (lower case, punctuation dropped, spaces to hyphens), so Markdown links work on GitHub as well.
 */
export class HeadingRegistry {
  readonly entries: HeadingEntry[] = [];
  /**
   * The ids given so far, each with the next suffix to try when it comes again as a base id (keeps
   * thousands of equal headings linear).
   */
  private readonly used = new Map<string, number>();
  /**
   * Ids of the anchors met so far: a heading id made from its text skips them, so a link to an
   * anchor and a TOC entry never lead to the same id. (An anchor after the heading is not known yet
   * when the heading gets its id.)
   */
  private readonly anchors = new Set<string>();

  anchor(id: string): void {
    this.anchors.add(id);
  }

  /** An anchor macro inside the heading gives it its id (so links to the anchor and the TOC agree). */
  register(level: HeadingLevel, children: Inline[]): string {
    const raw = inlineText(children);
    const text = (NEEDS_COLLAPSE.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
    const anchor = firstAnchor(children);
    let id: string;
    if (anchor !== undefined && !this.used.has(anchor)) {
      id = anchor;
      this.used.set(id, 1);
    } else {
      id = this.unique(slug(text));
    }
    this.entries.push({ level, id, text });
    return id;
  }

  private unique(base: string): string {
    let n = this.used.get(base);
    if (n === undefined && !this.anchors.has(base)) {
      this.used.set(base, 1);
      return base;
    }
    n ??= 1;
    let id: string;
    do id = `${base}-${n++}`;
    while (this.used.has(id) || this.anchors.has(id));
    this.used.set(base, n);
    this.used.set(id, 1);
    return id;
  }
}

export function slug(text: string): string {
  const id = fastSlug(text) ?? text.toLowerCase().replace(NOT_SLUG, '').replace(/ /g, '-');
  return id === '' ? 'section' : id;
}

/**
 * The slug made in one pass, for text of ASCII, kana, CJK ideographs and Hangul syllables (most
 * headings), whose letters have no case outside ASCII; undefined for any other text.
 */
function fastSlug(text: string): string | undefined {
  let id = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Kept as they are: digits, lower-case letters, '-', '_', kana, CJK and Hangul syllables.
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f) continue;
    if (c >= 0x80) {
      if ((c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3)) continue;
      return undefined;
    }
    id += text.slice(from, i);
    from = i + 1;
    if (c >= 0x41 && c <= 0x5a) id += String.fromCharCode(c + 32);
    else if (c === 0x20) id += '-';
  }
  return from === 0 ? text : id + text.slice(from);
}

function firstAnchor(children: readonly Inline[]): string | undefined {
  for (const node of children) if (node.kind === 'anchor') return node.id;
  return undefined;
}
