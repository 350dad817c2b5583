import * as kept from './kept-attributes';
import { NameTable, type KnownName } from './name-table';

const { DROPPED_ELEMENTS, KEPT_ATTRIBUTES, SKIPPED_ELEMENTS, VOID_ELEMENTS } = kept;

/** Element names of storage format, looked up without slicing them out of the input. */
export const ELEMENT_NAMES: readonly string[] = [
  ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'sub'],
  ...['sup', 'code', 'span', 'a', 'img', 'ul', 'ol', 'li', 'table', 'colgroup', 'col', 'thead', 'tbody'],
  ...['tfoot', 'tr', 'th', 'td', 'caption', 'blockquote', 'pre', 'div', 'time', 'font', 'small', 'ins'],
  ...['ac:structured-macro', 'ac:macro', 'ac:parameter', 'ac:default-parameter', 'ac:rich-text-body'],
  ...['ac:plain-text-body', 'ac:link', 'ac:link-body', 'ac:plain-text-link-body', 'ac:image', 'ac:caption'],
  ...[
    'ac:emoticon',
    'ac:task-list',
    'ac:task',
    'ac:task-id',
    'ac:task-uuid',
    'ac:task-status',
    'ac:task-body',
  ],
  ...['ac:layout', 'ac:layout-section', 'ac:layout-cell', 'ac:placeholder', 'ac:inline-comment-marker'],
  ...['ac:adf-extension', 'ac:adf-node', 'ac:adf-attribute', 'ac:adf-content', 'ac:adf-fallback'],
  ...['ac:adf-mark', 'ac:adf-fragment-mark', 'ac:adf-fragment-mark-detail', 'ri:page', 'ri:attachment'],
  ...['ri:user', 'ri:url', 'ri:space', 'ri:blog-post', 'ri:content-entity'],
];

/** What an element name is to the reader. */
export const IS_VOID = 1;
export const IS_SKIPPED = 2;
/** Skipped too, and reported (see DROPPED_ELEMENTS). */
export const IS_DROPPED = 4;

function flagsOf(name: string): number {
  return (
    (VOID_ELEMENTS.has(name) ? IS_VOID : 0) |
    (SKIPPED_ELEMENTS.has(name) ? IS_SKIPPED : 0) |
    (DROPPED_ELEMENTS.has(name) ? IS_SKIPPED | IS_DROPPED : 0)
  );
}

const ELEMENTS = new NameTable(
  [...ELEMENT_NAMES, ...VOID_ELEMENTS, ...SKIPPED_ELEMENTS, ...DROPPED_ELEMENTS],
  flagsOf,
);
const ATTRIBUTES = new NameTable(KEPT_ATTRIBUTES);

const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;

/**
 * The element name at input[start, end), lower-cased, with its flags; known names are not sliced out.
 * Characters XML does not allow are removed by `cleaner` (binary garbage inside a tag).
 */
export function elementName(
  input: string,
  start: number,
  end: number,
  cleaner: { removeInvalid(name: string): string },
): KnownName {
  const known = ELEMENTS.find(input, start, end);
  if (known !== undefined) return known;
  const raw = input.slice(start, end);
  if (INVALID.test(raw)) {
    const name = cleaner.removeInvalid(raw);
    return ELEMENTS.find(name, 0, name.length) ?? { name: lower(name), flags: flagsOf(lower(name)) };
  }
  const name = lower(raw);
  return { name, flags: flagsOf(name) };
}

/** The attribute name at input[start, end) if the converter keeps that attribute (see kept-attributes.ts). */
export function keptAttribute(input: string, start: number, end: number): string | undefined {
  const known = ATTRIBUTES.find(input, start, end);
  if (known !== undefined) return known.name;
  // Not a kept name as written: it still is one if it only differs in case (kept names are lower case).
  if (!ATTRIBUTES.mayMatchFolded(input, start, end) || !hasUpper(input, start, end)) return undefined;
  const raw = input.slice(start, end);
  const name = KEPT_ATTRIBUTES.has(raw) || isLower(raw) ? raw : raw.toLowerCase();
  return KEPT_ATTRIBUTES.has(name) ? name : undefined;
}

function hasUpper(input: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Names are case-insensitive in HTML; storage writes them in lower case, so check before converting. */
function isLower(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

export function lower(name: string): string {
  return isLower(name) ? name : name.toLowerCase();
}
