import { useTranslation } from '@forge/react';

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

/**
 * Texts in the viewer's language (locales/*.json through Forge's translations: I18nProvider
 * follows the locale of the view context, falling back to en-US as the manifest says).
 */
export function useText(): { t: Translate; issue: (message: string) => string; ready: boolean } {
  const { t: forgeT, ready } = useTranslation();
  const t: Translate = (key, params) => fill(forgeT(key), params);
  const issue = (message: string) => forgeT(issueKey(message), message);
  return { t, issue, ready };
}
