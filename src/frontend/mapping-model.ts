import type { HaloVisibility, SpaceMapping } from '../domain/settings';
import type { OfferedTarget } from '../pipeline/settings/settings-api';
import type { Option } from './form-fields';
import { choice, faqListChoice, list, numberList, optionalText, text, type FormValues } from './form-values';
import type { Translate } from './i18n';

export type MappingEntry = SpaceMapping['targets'][number];

export function mappingOptions(t: Translate, offered: OfferedTarget[]) {
  return {
    targets: offered.map((o) => ({ value: o.id, label: `${o.name} (${t(`kind.${o.kind}`)})` })),
    labelsMatch: [
      { value: 'any', label: t('spaces.labelsMatchAny') },
      { value: 'all', label: t('spaces.labelsMatchAll') },
    ],
    haloVisibility: [
      { value: 'default', label: t('form.visibilityDefault') },
      { value: 'everyone', label: t('form.visibilityEveryone') },
      { value: 'agents', label: t('form.visibilityAgents') },
      { value: 'teams', label: t('form.visibilityTeams') },
    ],
  };
}
export type MappingOptions = ReturnType<typeof mappingOptions>;

const find = (options: Option[], value: string | undefined) => options.find((o) => o.value === value);

function visibilityChoice(visibility: HaloVisibility | undefined): string {
  if (visibility === undefined) return 'default';
  return typeof visibility === 'string' ? visibility : 'teams';
}

/** What the form starts with: the entry being edited, or a new entry's defaults. */
export function mappingDefaults(
  spaceKey: string,
  entry: MappingEntry | undefined,
  faqList: number | 'auto' | undefined,
  o: MappingOptions,
): FormValues {
  const visibility = entry?.haloVisibility;
  return {
    spaceKey,
    labelsInclude: (entry?.labels?.include ?? []).join(', '),
    labelsExclude: (entry?.labels?.exclude ?? []).join(', '),
    labelsMatch: find(o.labelsMatch, entry?.labels?.match ?? 'any'),
    verifiedOnly: entry?.verifiedOnly ?? false,
    verifiedStates: (entry?.verifiedStates ?? ['Verified']).join(', '),
    subtreeRootId: entry?.subtreeRootId ?? '',
    pushRestricted: entry?.pushRestricted ?? false,
    faqList: faqList === undefined ? '' : String(faqList),
    haloVisibility: find(o.haloVisibility, visibilityChoice(visibility)),
    haloTeams: visibility !== undefined && typeof visibility !== 'string' ? visibility.teams.join(', ') : '',
    bitrixDialogId: entry?.bitrixDialogId ?? '',
    bitrixNotifyUpdates: entry?.bitrixNotifyUpdates ?? false,
    bitrixUserField: entry?.bitrixUserField ?? '',
  };
}

/** The entry as typed; options of other kinds of target are left out, so they never get in the way. */
function entryOf(v: FormValues, target: OfferedTarget): Record<string, unknown> {
  const kind = target.kind;
  const include = list(v.labelsInclude);
  const exclude = list(v.labelsExclude);
  const visibility = choice(v.haloVisibility);
  const states = list(v.verifiedStates);
  return {
    targetId: target.id,
    labels:
      include.length + exclude.length > 0 ? { include, exclude, match: choice(v.labelsMatch) } : undefined,
    verifiedOnly: v.verifiedOnly === true,
    verifiedStates: states.length > 0 ? states : undefined,
    subtreeRootId: optionalText(v.subtreeRootId),
    pushRestricted: v.pushRestricted === true,
    ...(kind === 'halo' && {
      haloVisibility:
        visibility === 'teams'
          ? { teams: numberList(v.haloTeams) }
          : visibility === 'default'
            ? undefined
            : visibility,
    }),
    ...(kind === 'bitrix24' && {
      bitrixDialogId: optionalText(v.bitrixDialogId),
      bitrixNotifyUpdates: v.bitrixNotifyUpdates === true,
      bitrixUserField: optionalText(v.bitrixUserField),
    }),
  };
}

/**
 * The `saveMapping` payload: the space's whole mapping as loaded, with this entry replaced (or
 * added), and the space's FAQ list for a Halo target.
 */
export function mappingPayload(
  v: FormValues,
  loaded: SpaceMapping | undefined,
  index: number,
  target: OfferedTarget,
) {
  const spaceKey = loaded?.spaceKey ?? text(v.spaceKey);
  const entries: unknown[] = [...(loaded?.targets ?? [])];
  const entry = entryOf(v, target);
  if (index < entries.length) entries[index] = entry;
  else entries.push(entry);
  return {
    mapping: { spaceKey, targets: entries },
    rev: loaded?.rev ?? 0,
    faqLists: target.kind === 'halo' ? { [target.id]: faqListChoice(v.faqList) } : {},
  };
}

/** The form field an issue belongs to, for the entry at `index`; undefined for other entries. */
export function mappingFieldOf(path: string, index: number): string | undefined {
  if (path === 'spaceKey') return 'spaceKey';
  if (path.startsWith('faqLists.')) return 'faqList';
  const prefix = `targets.${index}.`;
  if (!path.startsWith(prefix)) return undefined;
  const [first, second] = path.slice(prefix.length).split('.');
  if (first === 'labels')
    return second === 'exclude' ? 'labelsExclude' : second === 'match' ? 'labelsMatch' : 'labelsInclude';
  if (first === 'haloVisibility') return second === 'teams' ? 'haloTeams' : 'haloVisibility';
  return first;
}
