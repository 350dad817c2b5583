import { ConfluenceState } from '../../../src/sandbox/fake-confluence/confluence-state';
import type { TestClock } from './test-clock';
import { testClock } from './test-clock';

export const ALICE = '5b10a2844c20165700ede21g';
export const BOB = '712020:f3e573c0-e3bc-4fde-9a9f-0d5e206c30c9';

export interface Site {
  clock: TestClock;
  state: ConfluenceState;
  spaceId: string;
  otherSpaceId: string;
  rootId: string;
  childId: string;
}

/** Two users, spaces ENG and DOCS, and a root page with one child in ENG. */
export function site(): Site {
  const clock = testClock();
  const state = new ConfluenceState(clock);
  state.addUser({ accountId: ALICE, displayName: 'Alice Example', email: 'alice@example.com' });
  state.addUser({ accountId: BOB, displayName: 'Bob Example' });
  const spaceId = state.addSpace({ key: 'ENG', name: 'Engineering', authorId: ALICE }).id;
  const otherSpaceId = state.addSpace({ key: 'DOCS', name: 'Docs' }).id;
  const rootId = state.createPage({ spaceId, title: 'Handbook', body: '<p>root</p>', authorId: ALICE })
    .content.id;
  const childId = state.createPage({
    spaceId,
    parentId: rootId,
    title: 'User Agent',
    body: '<h2>UA</h2>',
    authorId: ALICE,
  }).content.id;
  return { clock, state, spaceId, otherSpaceId, rootId, childId };
}
