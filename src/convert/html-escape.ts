const TEXT_SPECIAL = /[&<>]/;
const ATTR_SPECIAL = /[&<>"]/;

/** Escapes text for an HTML element's content. */
export function escapeHtml(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttribute(text: string): string {
  if (!ATTR_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A class-name token made only of safe characters. */
export function classToken(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9+#._-]/g, '');
}
