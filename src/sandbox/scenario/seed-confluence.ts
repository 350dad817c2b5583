import type { ConfluenceState } from '../fake-confluence/confluence-state';
import type { Scenario } from './scenario-schema';

const STATE_COLOURS: Record<string, string> = {
  verified: '#1f845a',
  'in progress': '#2684ff',
  'rough draft': '#ff991f',
};

/** A content state as Confluence models it: a name with an id and a colour. */
export function contentState(
  name: string | null | undefined,
): { id: number; name: string; color: string } | null {
  if (!name) return null;
  const known = Object.keys(STATE_COLOURS).indexOf(name.toLowerCase());
  return {
    id: known >= 0 ? known : 100 + name.length,
    name,
    color: STATE_COLOURS[name.toLowerCase()] ?? '#626f86',
  };
}

export function spaceId(state: ConfluenceState, key: string): string {
  const space = state.getSpaceByKey(key);
  if (!space) throw new Error(`unknown space "${key}" in the scenario`);
  return space.id;
}

/** Creates the site as it was before the scenario starts; no events are sent for it. */
export function seedConfluence(
  state: ConfluenceState,
  scenario: Scenario,
  body: (v: string) => string,
): Map<string, string> {
  const refs = new Map<string, string>();
  for (const user of scenario.users) state.addUser({ ...user });
  for (const space of scenario.spaces) state.addSpace({ key: space.key, name: space.name });
  for (const page of scenario.pages) {
    const event = state.createPage({
      spaceId: spaceId(state, page.space),
      parentId: page.parent ? resolveRef(refs, page.parent) : undefined,
      title: page.title,
      body: body(page.body),
      authorId: page.author,
      labels: page.labels.map((name) => ({ name })),
      contentState: contentState(page.state),
      restrictions: page.restrictions && {
        read: { users: page.restrictions.read, groups: [] },
        update: { users: page.restrictions.update, groups: [] },
      },
    });
    refs.set(page.ref, event.content.id);
  }
  return refs;
}

export function resolveRef(refs: Map<string, string>, ref: string): string {
  const id = refs.get(ref);
  if (!id) throw new Error(`unknown ref "${ref}" in the scenario`);
  return id;
}
