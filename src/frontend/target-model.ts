import { WEBHOOK_FORMATS } from '../domain/settings';
import type { AnyTarget, AnyTargetKind } from '../pipeline/settings/any-target';
import type { Option } from './form-fields';
import {
  choice,
  choices,
  list,
  numberList,
  optionalText,
  text,
  wholeNumber,
  type FormValues,
} from './form-values';
import type { Translate } from './i18n';

/** The choices of the target forms, worded in the viewer's language. */
export function targetOptions(t: Translate) {
  const pick = (prefix: string, values: string[]): Option[] =>
    values.map((value) => ({ value, label: t(`form.${prefix}${value[0]!.toUpperCase()}${value.slice(1)}`) }));
  return {
    whenIneligible: pick('whenIneligible', ['remove', 'keep']),
    formats: WEBHOOK_FORMATS.map((value) => ({ value, label: value })),
    onMissingFaqList: pick('onMissingFaqList', ['recreate', 'report']),
    handEdits: pick('handEdits', ['overwrite', 'keep']),
    onRemove: pick('onRemove', ['delete', 'keep']),
    visibility: pick('visibility', ['everyone', 'agents', 'teams']),
    commentRecipient: pick('commentRecipient', ['author', 'responsible']),
    serverSideFilter: pick('serverSideFilter', ['auto', 'off']),
    language: [
      { value: 'en', label: 'English' },
      { value: 'ru', label: 'Русский' },
    ],
  };
}
export type TargetOptions = ReturnType<typeof targetOptions>;

const find = (options: Option[], value: string | undefined) => options.find((o) => o.value === value);
const joined = (values: Array<string | number> | undefined) => (values ?? []).join(', ');

/** What the form starts with: the stored target, or a new one's defaults. */
export function targetDefaults(
  kind: AnyTargetKind,
  target: AnyTarget | undefined,
  o: TargetOptions,
): FormValues {
  const common = {
    id: target?.id ?? '',
    name: target?.name ?? '',
    enabled: target?.enabled ?? true,
    whenIneligible: find(o.whenIneligible, target?.whenIneligible ?? 'remove'),
    selector: target?.selector ?? '',
    selectorVerifiedStates: joined(target?.selectorVerifiedStates),
    secret: '',
    keepPrevious: false,
  };
  if (kind === 'webhook') {
    const w = target?.kind === 'webhook' ? target : undefined;
    return {
      ...common,
      url: w?.url ?? '',
      formats: (w?.formats ?? ['storage']).map((f) => find(o.formats, f)),
      sendRemovals: w?.sendRemovals ?? true,
      sendComments: w?.sendComments ?? true,
      timeoutSeconds: String(w?.timeoutSeconds ?? 15),
    };
  }
  if (kind === 'halo') {
    const h = target?.kind === 'halo' ? target : undefined;
    const visibility = h?.visibility ?? 'everyone';
    return {
      ...common,
      baseUrl: h?.baseUrl ?? '',
      authUrl: h?.authUrl ?? '',
      tenant: h?.tenant ?? '',
      clientId: h?.clientId ?? '',
      scope: h?.scope ?? 'all',
      defaultFaqList: String(h?.defaultFaqList ?? 'auto'),
      onMissingFaqList: find(o.onMissingFaqList, h?.onMissingFaqList ?? 'recreate'),
      handEdits: find(o.handEdits, h?.handEdits ?? 'overwrite'),
      onRemove: find(o.onRemove, h?.onRemove ?? 'delete'),
      visibility: find(o.visibility, typeof visibility === 'string' ? visibility : 'teams'),
      teams: typeof visibility === 'string' ? '' : joined(visibility.teams),
    };
  }
  const b = target?.kind === 'bitrix24' ? target : undefined;
  return {
    ...common,
    portalUrl: b?.portalUrl ?? '',
    userField: b?.userField ?? 'UF_CONFLUENCE_URL',
    language: find(o.language, b?.language ?? 'en'),
    commentRecipient: find(o.commentRecipient, b?.commentRecipient ?? 'author'),
    notifyWatchers: b?.notifyWatchers ?? false,
    updateTemplate: b?.updateTemplate ?? '',
    removeTemplate: b?.removeTemplate ?? '',
    userMap: Object.entries(b?.userMap ?? {})
      .map(([accountId, userId]) => `${accountId} = ${userId}`)
      .join('\n'),
    serverSideFilter: find(o.serverSideFilter, b?.serverSideFilter ?? 'auto'),
  };
}

/** `accountId = 42` per line; a value that is not a number is sent as typed, so the field is named. */
function userMap(value: unknown): Record<string, number | string> {
  const lines = text(value)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return Object.fromEntries(
    lines.map((line) => {
      const [accountId = '', userId = ''] = line.split('=').map((part) => part.trim());
      return [accountId, wholeNumber(userId) ?? userId];
    }),
  );
}

function kindFields(kind: AnyTargetKind, v: FormValues): Record<string, unknown> {
  switch (kind) {
    case 'webhook':
      return {
        url: text(v.url),
        formats: choices(v.formats),
        sendRemovals: v.sendRemovals === true,
        sendComments: v.sendComments === true,
        timeoutSeconds: wholeNumber(v.timeoutSeconds),
      };
    case 'halo': {
      const visibility = choice(v.visibility);
      const faq = text(v.defaultFaqList);
      return {
        baseUrl: text(v.baseUrl),
        authUrl: optionalText(v.authUrl),
        tenant: optionalText(v.tenant),
        clientId: text(v.clientId),
        scope: optionalText(v.scope),
        defaultFaqList: faq === 'auto' || faq === '' ? 'auto' : wholeNumber(faq),
        onMissingFaqList: choice(v.onMissingFaqList),
        handEdits: choice(v.handEdits),
        onRemove: choice(v.onRemove),
        visibility: visibility === 'teams' ? { teams: numberList(v.teams) } : visibility,
      };
    }
    case 'bitrix24':
      return {
        portalUrl: text(v.portalUrl),
        userField: optionalText(v.userField),
        language: choice(v.language),
        commentRecipient: choice(v.commentRecipient),
        notifyWatchers: v.notifyWatchers === true,
        updateTemplate: optionalText(v.updateTemplate),
        removeTemplate: optionalText(v.removeTemplate),
        userMap: userMap(v.userMap),
        serverSideFilter: choice(v.serverSideFilter),
      };
  }
}

/**
 * The `saveTarget` payload: the stored target (fields this form does not show, such as Halo's
 * per-space FAQ lists, stay as they are) with the form's values over it, and a new secret if typed.
 */
export function targetPayload(kind: AnyTargetKind, v: FormValues, loaded: AnyTarget | undefined) {
  const states = list(v.selectorVerifiedStates);
  const target = {
    ...loaded,
    kind,
    id: loaded?.id ?? text(v.id),
    name: text(v.name),
    enabled: v.enabled === true,
    whenIneligible: choice(v.whenIneligible),
    selector: optionalText(v.selector),
    selectorVerifiedStates: states.length > 0 ? states : undefined,
    ...kindFields(kind, v),
  };
  const secret = text(v.secret);
  return {
    target,
    rev: loaded?.rev ?? 0,
    ...(secret && { secret: { value: secret, keepPrevious: v.keepPrevious === true } }),
  };
}

/** The form field a resolver's issue belongs to (`formats.1` → `formats`, `visibility.teams.0` → `teams`). */
export function targetFieldOf(path: string): string {
  if (path.startsWith('visibility.teams')) return 'teams';
  return path.split('.')[0] ?? path;
}
