import { ACTIVITY_TEXT, BYLINE_TEXT, PREVIEW_TEXT } from './activity-texts';
import { useText, type Translate } from './i18n';

type Texts<O> = { readonly [K in keyof O]: O[K] extends string ? string : Texts<O[K]> };

/** The same tree of texts, each one looked up under `prefix` in the viewer's locale. */
function translated<O extends object>(tree: O, prefix: string, t: Translate): Texts<O> {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      typeof value === 'string' ? t(`${prefix}.${key}`) : translated(value as object, `${prefix}.${key}`, t),
    ]),
  ) as Texts<O>;
}

export function useActivityText(): Texts<typeof ACTIVITY_TEXT> {
  return translated(ACTIVITY_TEXT, 'activity', useText().t);
}

export function usePreviewText(): Texts<typeof PREVIEW_TEXT> {
  return translated(PREVIEW_TEXT, 'preview', useText().t);
}

export function useBylineText(): Texts<typeof BYLINE_TEXT> {
  return translated(BYLINE_TEXT, 'byline', useText().t);
}
