import { ALICE, BOB, site } from './confluence-fixture';

describe('ConfluenceState page events', () => {
  it('createPage emits created:page in the documented shape, PII filled with the accountId', () => {
    const { state, clock, spaceId } = site();
    clock.advance(5000);
    const event = state.createPage({
      spaceId,
      title: 'New',
      body: '<p>x</p>',
      authorId: BOB,
      selfGenerated: true,
    });
    expect(event).toMatchObject({
      eventType: 'avi:confluence:created:page',
      atlassianId: BOB,
      eventCreatedDate: new Date(clock.now()).toISOString(),
      suppressNotifications: false,
      selfGenerated: true,
      content: {
        type: 'page',
        status: 'current',
        title: 'New',
        space: {
          id: Number(spaceId),
          key: 'ENG',
          alias: 'ENG',
          name: 'Engineering',
          type: 'global',
          status: 'current',
        },
        history: { latest: true, createdBy: { accountId: BOB }, ownedBy: { accountId: BOB } },
        version: { number: 1, by: { accountId: BOB }, when: new Date(clock.now()).toISOString() },
      },
    });
    const user = event.content.history.createdBy;
    expect([user.displayName, user.publicName, user.email, user.username]).toEqual([BOB, BOB, BOB, BOB]);
    expect(typeof event.content.space.id).toBe('number');
    expect(event.content).not.toHaveProperty('subType');
    expect(event).not.toHaveProperty('updateTrigger');
  });

  it('updatePage bumps the version with updateTrigger edit_page and keeps minorEdit', () => {
    const { state, childId } = site();
    const event = state.updatePage(childId, {
      body: '<p>v2</p>',
      minorEdit: true,
      by: BOB,
      suppressNotifications: true,
    });
    expect(event).toMatchObject({
      eventType: 'avi:confluence:updated:page',
      updateTrigger: 'edit_page',
      suppressNotifications: true,
      atlassianId: BOB,
      content: { id: childId, version: { number: 2, by: { accountId: BOB } } },
    });
    expect(state.getPage(childId)?.version).toMatchObject({ number: 2, minorEdit: true, authorId: BOB });
    expect(() => state.updatePage('999999', { body: 'x' })).toThrow(/Unknown page id: 999999/);
    expect(() => state.updatePage(childId, { title: 'Handbook' })).toThrow(/title already exists/);
  });

  it('live docs: initialized, started, snapshotted, then published without subType', () => {
    const { state, spaceId } = site();
    const init = state.createPage({ spaceId, title: 'Live', body: '<p/>', authorId: ALICE, live: true });
    expect(init).toMatchObject({
      eventType: 'avi:confluence:initialized:page',
      content: { subType: 'live' },
    });
    const id = init.content.id;
    expect(state.updatePage(id, { body: '<p>1</p>' }).eventType).toBe('avi:confluence:started:page');
    expect(state.updatePage(id, { body: '<p>2</p>' }).eventType).toBe('avi:confluence:snapshotted:page');
    const published = state.publishLiveDoc(id);
    expect(published.eventType).toBe('avi:confluence:published:page');
    expect(published.content).not.toHaveProperty('subType');
    expect(() => state.publishLiveDoc(id)).toThrow(/not a live doc/);
  });

  it('trash, restore, archive, unarchive and purge change the status without a new version', () => {
    const { state, childId } = site();
    expect(() => state.deletePage(childId)).toThrow(/current; expected trashed or draft/);
    expect(state.archivePage(childId)).toMatchObject({
      eventType: 'avi:confluence:archived:page',
      content: { status: 'archived' },
    });
    expect(state.unarchivePage(childId).eventType).toBe('avi:confluence:unarchived:page');
    expect(state.trashPage(childId)).toMatchObject({
      eventType: 'avi:confluence:trashed:page',
      content: { status: 'trashed', version: { number: 1 } },
    });
    expect(state.restorePage(childId).content.status).toBe('current');
    state.trashPage(childId);
    expect(state.deletePage(childId, { by: BOB })).toMatchObject({
      eventType: 'avi:confluence:deleted:page',
      atlassianId: BOB,
      content: { id: childId },
    });
    expect(state.getPage(childId)).toBeUndefined();
    expect(() => state.restorePage(childId)).toThrow(/Unknown page id/);
  });

  it('movePage emits moved:page with prevContent; the page and its subtree change space', () => {
    const { state, rootId, childId, otherSpaceId } = site();
    const event = state.movePage(rootId, { spaceId: otherSpaceId, parentId: null });
    expect(event.eventType).toBe('avi:confluence:moved:page');
    expect(event.prevContent?.space.key).toBe('ENG');
    expect(event.content.space.key).toBe('DOCS');
    expect(state.getPage(childId)?.spaceId).toBe(otherSpaceId);
    expect(() => state.movePage(rootId, { parentId: childId })).toThrow(/under itself or its descendant/);
  });

  it('copyPage creates a new page and emits copied:page with originContentId', () => {
    const { state, childId, rootId } = site();
    state.addLabel(childId, { name: 'KB' });
    const event = state.copyPage(childId);
    expect(event).toMatchObject({
      eventType: 'avi:confluence:copied:page',
      originContentId: childId,
      content: { title: 'Copy of User Agent', version: { number: 1 } },
    });
    const copy = state.getPage(event.content.id);
    expect(copy).toMatchObject({ parentId: rootId, body: '<h2>UA</h2>', labels: [{ name: 'kb' }] });
    expect(() => state.copyPage(childId)).toThrow(/title already exists/);
  });

  it('setRestrictions emits permissions_updated:page and keeps the version', () => {
    const { state, childId } = site();
    const event = state.setRestrictions(childId, { read: { users: [BOB], groups: ['hr'] } });
    expect(event).toMatchObject({
      eventType: 'avi:confluence:permissions_updated:page',
      content: { version: { number: 1 } },
    });
    expect(state.getPage(childId)?.restrictions.read).toEqual({ users: [BOB], groups: ['hr'] });
    expect(() => state.setRestrictions(childId, { read: { users: ['nobody'] } })).toThrow(
      /Unknown restricted user/,
    );
  });

  it('setContentState bumps the version and emits updated:page (UNVERIFIED event)', () => {
    const { state, childId } = site();
    const event = state.setContentState(childId, { state: { id: 7, name: 'Verified', color: '#1f845a' } });
    expect(event).toMatchObject({
      eventType: 'avi:confluence:updated:page',
      content: { version: { number: 2 } },
    });
    expect(state.getPage(childId)?.contentState).toEqual({ id: 7, name: 'Verified', color: '#1f845a' });
    expect(() =>
      state.setContentState(childId, { state: { id: 1, name: 'x'.repeat(21), color: '#000000' } }),
    ).toThrow(/1..20/);
  });
});
