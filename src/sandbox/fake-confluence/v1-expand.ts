/**
 * v1 `expand` entries, normalised into the names one content object expands:
 * `space`, `version`, `history`, `history.lastUpdated`, `body` (from `body.storage`), `metadata`
 * (from `metadata.labels`), `ancestors`, `restrictions`, `restrictions.<read|update>` and
 * `restrictions.<read|update>.restrictions.<user|group>`.
 *
 * `ancestors.<entry>` expands the ancestors and, inside each ancestor object, `<entry>` — stored as
 * `ancestors.<name>` (see ancestorExpand). Real Confluence Cloud serves these nested expansions;
 * public connectors ask for `ancestors.restrictions.read.restrictions.user|group`. Ancestors of
 * ancestors (`ancestors.ancestors…`) are not expanded.
 *
 * Entries the fake does not know are ignored and stay in `_expandable`, as the real API ignores
 * an expansion it cannot apply (UNVERIFIED for each individual name).
 */
export type ExpandSet = ReadonlySet<string>;

const PLAIN = new Set(['space', 'version', 'history', 'history.lastUpdated']);
const RESTRICTION = /^restrictions(?:\.(read|update)(?:\.restrictions(?:\.(user|group))?)?)?$/;

function normalise(entry: string): string[] {
  const restriction = RESTRICTION.exec(entry);
  if (restriction !== null) {
    const [, operation, subject] = restriction;
    const names = ['restrictions'];
    if (operation !== undefined) names.push(`restrictions.${operation}`);
    if (operation !== undefined && subject !== undefined)
      names.push(`restrictions.${operation}.restrictions.${subject}`);
    return names;
  }
  if (entry === 'body.storage') return ['body'];
  if (entry === 'metadata.labels') return ['metadata'];
  if (entry === 'history.lastUpdated') return ['history', entry];
  return PLAIN.has(entry) ? [entry] : [];
}

const ANCESTORS = 'ancestors';
const NESTED = `${ANCESTORS}.`;

export function parseExpand(entries: readonly string[]): Set<string> {
  const expand = new Set<string>();
  for (const entry of entries) {
    if (entry === ANCESTORS) expand.add(ANCESTORS);
    else if (entry.startsWith(NESTED)) {
      expand.add(ANCESTORS);
      for (const name of normalise(entry.slice(NESTED.length))) expand.add(`${NESTED}${name}`);
    } else for (const name of normalise(entry)) expand.add(name);
  }
  return expand;
}

/** What each ancestor object expands: the `ancestors.<name>` entries without their prefix. */
export function ancestorExpand(expand: ExpandSet): Set<string> {
  return new Set(
    [...expand].filter((name) => name.startsWith(NESTED)).map((name) => name.slice(NESTED.length)),
  );
}
