import type { SpaceMapping } from '../../domain/settings';
import type { AnyTarget } from './any-target';
import type { FieldIssue } from './settings-api';

type Entry = SpaceMapping['targets'][number];

/** Options that only one kind of target understands, by field. */
const ONLY_HALO = 'only for Halo targets';
const ONLY_BITRIX = 'only for Bitrix24 targets';
const KIND_OPTIONS: Array<{
  field: keyof Entry;
  kind: AnyTarget['kind'];
  message: string;
  set: (e: Entry) => boolean;
}> = [
  { field: 'haloVisibility', kind: 'halo', message: ONLY_HALO, set: (e) => e.haloVisibility !== undefined },
  {
    field: 'bitrixDialogId',
    kind: 'bitrix24',
    message: ONLY_BITRIX,
    set: (e) => e.bitrixDialogId !== undefined,
  },
  { field: 'bitrixNotifyUpdates', kind: 'bitrix24', message: ONLY_BITRIX, set: (e) => e.bitrixNotifyUpdates },
  {
    field: 'bitrixUserField',
    kind: 'bitrix24',
    message: ONLY_BITRIX,
    set: (e) => e.bitrixUserField !== undefined,
  },
];

/**
 * What the mapping schema cannot know: that each target exists (once per space), takes space
 * mappings at all (a selector expression rules its target alone), and understands the options set.
 */
export function mappingIssues(mapping: SpaceMapping, targets: AnyTarget[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  mapping.targets.forEach((entry, i) => {
    const at = (field: string) => `targets.${i}.${field}`;
    const target = targets.find((t) => t.id === entry.targetId);
    if (!target) {
      issues.push({ field: at('targetId'), message: 'no such target' });
      return;
    }
    if (seen.has(entry.targetId))
      issues.push({ field: at('targetId'), message: 'this target is mapped to the space already' });
    seen.add(entry.targetId);
    if (target.selector !== undefined)
      issues.push({
        field: at('targetId'),
        message: 'this target chooses its pages with a selector expression; space mappings do not apply',
      });
    for (const option of KIND_OPTIONS) {
      if (option.set(entry) && target.kind !== option.kind)
        issues.push({ field: at(option.field), message: option.message });
    }
  });
  return issues;
}
