/** Confluence's legacy emoticon names (`ac:name`) and the emoji they show. */
const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    smile: '🙂',
    sad: '🙁',
    cheeky: '😛',
    laugh: '😀',
    wink: '😉',
    'thumbs-up': '👍',
    'thumbs-down': '👎',
    information: 'ℹ️',
    tick: '✅',
    cross: '❌',
    warning: '⚠️',
    plus: '➕',
    minus: '➖',
    question: '❓',
    'light-on': '💡',
    'light-off': '💡',
    'yellow-star': '⭐',
    'red-star': '⭐',
    'green-star': '⭐',
    'blue-star': '⭐',
    star_yellow: '⭐',
    heart: '❤️',
    'broken-heart': '💔',
  }),
);

/** Atlassian's own shortnames (their fallback is the shortname itself, not an emoji). */
const BY_SHORTNAME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ':check_mark:': '✔️',
    ':cross_mark:': '❌',
    ':white_check_mark:': '✅',
    ':warning:': '⚠️',
    ':info:': 'ℹ️',
    ':light_bulb:': '💡',
    ':star:': '⭐',
    ':thumbsup:': '👍',
    ':thumbsdown:': '👎',
    ':question:': '❓',
    ':plus:': '➕',
    ':minus:': '➖',
    ':smile:': '🙂',
    ':slight_smile:': '🙂',
  }),
);

const SHORTNAME = /^:[\w+-]+:$/;
const HEX_SEQUENCE = /^[0-9a-f]{4,6}(?:-[0-9a-f]{4,6})*$/i;

/** `<ac:emoticon>` / `<ac:hipchat-emoticon>`: the emoji as Unicode text ('' for none). */
export function emojiFor(attrs: Readonly<Record<string, string>>): string {
  const fallback = attrs['ac:emoji-fallback'];
  if (fallback && !SHORTNAME.test(fallback)) return fallback;
  const fromId = codepoints(attrs['ac:emoji-id'] ?? '');
  if (fromId !== undefined) return fromId;
  // A shortname Atlassian knows, or a custom emoji's own shortname, says more than the legacy name.
  const shortname = attrs['ac:emoji-shortname'] ?? fallback ?? '';
  if (shortname !== '') return BY_SHORTNAME.get(shortname) ?? shortname;
  const name = attrs['ac:name'] ?? attrs['ac:shortcut'] ?? '';
  return BY_NAME.get(name) ?? (name === '' ? '' : `:${name}:`);
}

/** `1f642` or `1f468-200d-1f4bb` → the emoji; undefined for ids that are not code points. */
function codepoints(id: string): string | undefined {
  if (id.length > 64 || !HEX_SEQUENCE.test(id)) return undefined;
  const points = id.split('-').map((hex) => Number.parseInt(hex, 16));
  if (points.some((cp) => cp < 0x20 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return undefined;
  return String.fromCodePoint(...points);
}
