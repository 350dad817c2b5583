import { useTranslation } from '@forge/react';

import { fill, issueKey, type Translate } from './message-keys';

export type { Params, Translate } from './message-keys';

/**
 * Texts in the viewer's language (locales/*.json through Forge's translations: I18nProvider
 * follows the locale of the view context, falling back to en-US as the manifest says).
 */
export function useText(): {
  t: Translate;
  issue: (message: string, code?: string) => string;
  ready: boolean;
} {
  const { t: forgeT, ready } = useTranslation();
  const t: Translate = (key, params) => fill(forgeT(key), params);
  /** The message's own translation, else its kind's (Russian words the generic ones), else as sent. */
  const issue = (message: string, code?: string) =>
    forgeT(issueKey(message), code ? forgeT(`issueCode.${code}`, message) : message);
  return { t, issue, ready };
}
