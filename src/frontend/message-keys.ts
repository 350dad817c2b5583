/** Pure helpers of the translations (no @forge imports: the CLI and tests load them too). */
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

/** `{name}` placeholders; Forge's `t` has none. */
export function fill(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/**
 * The message key of a resolver's English message (e.g. `must not be empty` → `issue.must-not-be-empty`):
 * the locale files translate the ones the settings schemas and resolvers give; others show as sent.
 */
export function issueKey(message: string): string {
  const slug = message
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return `issue.${slug || 'unknown'}`;
}

/** A dotted key in a nested texts object (as Forge's translator resolves it). */
export function lookup(texts: unknown, key: string): string | undefined {
  let node: unknown = texts;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.getOwnPropertyDescriptor(node, part)?.value;
  }
  return typeof node === 'string' ? node : undefined;
}
