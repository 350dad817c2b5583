import { parseSelector } from './label-expression';
import type { HaloVisibility, Settings, SpaceMapping, TargetSettings } from './settings';

/** Which pages of a space may go to a target. Mappings and selector expressions compile to these. */
export interface LabelFilter {
  include: string[];
  exclude: string[];
  match: 'any' | 'all';
}

export interface SelectionRule {
  spaceKey: string;
  /** undefined: the whole space. Applies to `global` labels only. */
  labels?: LabelFilter;
  /** Content-state names that count as verified; undefined: no state gate. */
  verifiedStates?: string[];
  /** Only pages below this page (not the page itself). */
  subtreeRootId?: string;
  /** Opt-in: push pages with read restrictions too (default deny). */
  pushRestricted: boolean;
  /** Target-specific choices of the mapping that admitted the page (e.g. Halo visibility). */
  options?: DeliveryOptions;
}

export interface DeliveryOptions {
  haloVisibility?: HaloVisibility;
  /** Bitrix24: the chat told of new pages (and of updates with `bitrixNotifyUpdates`). */
  bitrixDialogId?: string;
  bitrixNotifyUpdates?: boolean;
  /** Bitrix24: the task field that links this space's pages, instead of the target's. */
  bitrixUserField?: string;
}

type MappingEntry = SpaceMapping['targets'][number];

function fromMapping(spaceKey: string, entry: MappingEntry): SelectionRule {
  const include = entry.labels?.include ?? [];
  const exclude = entry.labels?.exclude ?? [];
  return {
    spaceKey,
    labels:
      include.length + exclude.length > 0
        ? { include, exclude, match: entry.labels?.match ?? 'any' }
        : undefined,
    verifiedStates: entry.verifiedOnly ? entry.verifiedStates : undefined,
    subtreeRootId: entry.subtreeRootId,
    pushRestricted: entry.pushRestricted,
    options: mappingOptions(entry),
  };
}

function mappingOptions(entry: MappingEntry): DeliveryOptions | undefined {
  const options: DeliveryOptions = {
    ...(entry.haloVisibility ? { haloVisibility: entry.haloVisibility } : {}),
    ...(entry.bitrixDialogId ? { bitrixDialogId: entry.bitrixDialogId } : {}),
    ...(entry.bitrixNotifyUpdates ? { bitrixNotifyUpdates: true } : {}),
    ...(entry.bitrixUserField ? { bitrixUserField: entry.bitrixUserField } : {}),
  };
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * The rules of one target for one space. A target with a selector expression is ruled by it alone
 * (an empty expression selects nothing); otherwise by the space mappings that name it. A selector
 * that no longer parses selects nothing (fail closed); settings validation reports it when saved.
 */
export function rulesFor(
  target: TargetSettings,
  spaceKey: string | undefined,
  settings: Settings,
): SelectionRule[] {
  if (!spaceKey) return [];
  if (target.selector !== undefined) {
    const parsed = parseSelector(target.selector);
    if (!parsed.ok) return [];
    return parsed.items
      .filter((item) => item.spaceKey === spaceKey)
      .map((item) => ({
        spaceKey,
        labels: item.labels ? { include: item.labels, exclude: [], match: 'any' as const } : undefined,
        verifiedStates: target.selectorVerifiedStates,
        pushRestricted: false,
      }));
  }
  return settings.mappings
    .filter((m) => m.spaceKey === spaceKey)
    .flatMap((m) => m.targets.filter((t) => t.targetId === target.id).map((t) => fromMapping(spaceKey, t)));
}

/** Targets that may select pages of `spaceKey` at all (before looking at the page). */
export function targetsForSpace(spaceKey: string | undefined, settings: Settings): string[] {
  return settings.targets.filter((t) => rulesFor(t, spaceKey, settings).length > 0).map((t) => t.id);
}

/** Spaces some enabled target takes pages of: its mappings, or its selector's spaces. */
export function mappedSpaceKeys(settings: Settings): string[] {
  const spaces = new Set<string>();
  for (const target of settings.targets) {
    if (!target.enabled) continue;
    if (target.selector !== undefined) {
      const parsed = parseSelector(target.selector);
      if (parsed.ok) for (const item of parsed.items) spaces.add(item.spaceKey);
      continue;
    }
    for (const mapping of settings.mappings)
      if (mapping.targets.some((t) => t.targetId === target.id)) spaces.add(mapping.spaceKey);
  }
  return [...spaces].sort();
}
