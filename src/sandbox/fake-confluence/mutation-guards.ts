import type {
  ConfluencePage,
  ContentState,
  ContentVersion,
  LabelPrefix,
  PageStatus,
} from './confluence-model';
import type { ConfluenceStore } from './confluence-store';

/** Checks shared by the mutation modules. Each throws an Error that names what is wrong. */

export function assertTitle(title: string): void {
  if (title.trim() === '') throw new Error('title must not be empty');
  if (title.length > 255) throw new Error(`title is longer than 255 characters: ${title.slice(0, 40)}…`);
}

/** Confluence refuses two current (or archived) pages with the same title in one space. */
export function assertTitleFree(
  store: ConfluenceStore,
  spaceId: string,
  title: string,
  exceptId?: string,
): void {
  const clash = store
    .listPages(spaceId)
    .find(
      (page) =>
        page.id !== exceptId &&
        page.title === title &&
        (page.status === 'current' || page.status === 'archived'),
    );
  if (clash !== undefined) {
    throw new Error(
      `A page with this title already exists in space ${spaceId}: "${title}" (page ${clash.id})`,
    );
  }
}

export function assertStatus(page: ConfluencePage, allowed: readonly PageStatus[], action: string): void {
  if (!allowed.includes(page.status)) {
    throw new Error(`${action}: page ${page.id} is ${page.status}; expected ${allowed.join(' or ')}`);
  }
}

/** Resolves the acting user (defaulting to `fallback`) and checks it exists. */
export function actor(store: ConfluenceStore, by: string | undefined, fallback: string): string {
  const accountId = by ?? fallback;
  store.requireUser(accountId, 'acting user');
  return accountId;
}

export function nextVersion(
  store: ConfluenceStore,
  current: ContentVersion | undefined,
  authorId: string,
  change: { minorEdit?: boolean; message?: string } = {},
): ContentVersion {
  return {
    number: (current?.number ?? 0) + 1,
    minorEdit: change.minorEdit ?? false,
    message: change.message ?? '',
    authorId,
    createdAt: store.nowIso(),
  };
}

const LABEL_FORBIDDEN = /[\s:;,?&[\]()#^*@!]/;

/**
 * Confluence stores label names in lower case and refuses spaces and some punctuation.
 * UNVERIFIED: the exact forbidden character set (taken from the editor's error message).
 */
export function normaliseLabel(label: { name: string; prefix?: LabelPrefix }): {
  name: string;
  prefix: LabelPrefix;
} {
  const name = label.name.trim().toLowerCase();
  if (name === '' || name.length > 255)
    throw new Error(`label name must be 1..255 characters: "${label.name}"`);
  if (LABEL_FORBIDDEN.test(name))
    throw new Error(`label name contains a forbidden character: "${label.name}"`);
  const prefix = label.prefix ?? 'global';
  if (!['global', 'team', 'my'].includes(prefix)) throw new Error(`unknown label prefix: ${prefix}`);
  return { name, prefix };
}

/** Content status lozenges: a name of at most 20 characters and a `#rrggbb` colour. */
export function assertContentState(state: ContentState | null): void {
  if (state === null) return;
  if (!Number.isInteger(state.id) || state.id < 0)
    throw new Error(`content state id must be an integer ≥ 0: ${state.id}`);
  if (state.name.trim() === '' || state.name.length > 20) {
    throw new Error(`content state name must be 1..20 characters: "${state.name}"`);
  }
  if (!/^#[0-9a-fA-F]{6}$/.test(state.color))
    throw new Error(`content state color must be #rrggbb: ${state.color}`);
}

export function assertUsersExist(store: ConfluenceStore, accountIds: readonly string[]): void {
  for (const accountId of accountIds) store.requireUser(accountId, 'restricted user');
}
