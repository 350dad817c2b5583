import english from '../../locales/en-US.json';
import { fill, issueKey, lookup, type Translate } from './message-keys';
import { useForgeTexts } from './texts-provider';

export type { Params, Translate } from './message-keys';

/** The words of the selector parser's errors (src/domain/label-expression.ts), position kept. */
const SELECTOR_ERROR = /^at position (\d+): expected (.+), found (.+)$/;
const SELECTOR_WORDS: Array<[RegExp, string]> = [
  [/a space key/g, 'selector.spaceKey'],
  [/a label/g, 'selector.label'],
  [/the end/g, 'selector.end'],
  [/ or /g, 'selector.or'],
];

function selectorError(t: Translate, message: string): string | undefined {
  const match = SELECTOR_ERROR.exec(message);
  if (!match) return undefined;
  const words = (part: string) =>
    SELECTOR_WORDS.reduce(
      (out, [pattern, key]) => out.replace(pattern, key === 'selector.or' ? ` ${t(key)} ` : t(key)),
      part,
    );
  return t('selector.error', { position: match[1]!, expected: words(match[2]!), found: words(match[3]!) });
}

/**
 * Texts in the viewer's language: locales/*.json through Forge's translations (TextsProvider
 * follows the locale of the view context; Forge falls back to en-US as the manifest says). Until
 * they have loaded, or if they never do (the bridge fetches `./__LOCALES__/…`, which Forge's
 * bundler builds from manifest.yml for the resource: UNVERIFIED for UI Kit on a live site), the
 * English texts bundled with the page are used, so the page never shows raw keys or hangs.
 */
export function useText(): {
  t: Translate;
  issue: (message: string, code?: string) => string;
  ready: boolean;
} {
  const forgeT = useForgeTexts();
  const text = (key: string, fallback?: string) => {
    const bundled = lookup(english, key) ?? fallback ?? key;
    return forgeT ? forgeT(key, bundled) : bundled;
  };
  const t: Translate = (key, params) => fill(text(key), params);
  /** The message's own translation, else its kind's (Russian words the generic ones), else as sent. */
  const issue = (message: string, code?: string) =>
    selectorError(t, message) ?? text(issueKey(message), code ? text(`issueCode.${code}`, message) : message);
  return { t, issue, ready: forgeT !== undefined };
}
