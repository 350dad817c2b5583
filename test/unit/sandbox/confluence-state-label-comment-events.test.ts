import { ALICE, BOB, site } from './confluence-fixture';

describe('ConfluenceState label and comment events', () => {
  it('addLabel/removeLabel emit label payloads with the page labels and site-wide label ids', () => {
    const { state, childId, rootId } = site();
    const added = state.addLabel(childId, { name: 'Runbook', by: BOB });
    expect(added).toMatchObject({
      eventType: 'avi:confluence:added:label',
      atlassianId: BOB,
      label: { name: 'runbook', prefix: 'global' },
      content: { id: childId, type: 'page', labels: [{ name: 'runbook', prefix: 'global' }] },
    });
    expect(added).not.toHaveProperty('suppressNotifications');
    expect(state.addLabel(rootId, { name: 'runbook' }).label.id).toBe(added.label.id);
    expect(() => state.addLabel(childId, { name: 'runbook' })).toThrow(/already has label/);
    expect(() => state.addLabel(childId, { name: 'two words' })).toThrow(/forbidden character/);
    const removed = state.removeLabel(childId, { name: 'runbook' });
    expect(removed).toMatchObject({ eventType: 'avi:confluence:removed:label', content: { labels: [] } });
    expect(() => state.removeLabel(childId, { name: 'runbook' })).toThrow(/has no label/);
  });

  it('comments: created with container and ancestors, updated, deleted with its replies', () => {
    const { state, childId } = site();
    const top = state.addComment({ pageId: childId, body: '<p>q</p>', authorId: BOB });
    expect(top).toMatchObject({
      eventType: 'avi:confluence:created:comment',
      content: {
        type: 'comment',
        title: 'Re: User Agent',
        ancestors: [],
        container: { id: Number(childId), type: 'page', title: 'User Agent', status: 'current' },
        extensions: { location: 'footer' },
        version: { number: 1 },
      },
    });
    const reply = state.addComment({
      pageId: childId,
      body: '<p>a</p>',
      authorId: ALICE,
      parentCommentId: top.content.id,
    });
    expect(reply.content.ancestors).toEqual([
      { id: top.content.id, type: 'comment', status: 'current', title: 'Re: User Agent' },
    ]);
    const updated = state.updateComment(reply.content.id, { body: '<p>a2</p>' });
    expect(updated).toMatchObject({
      eventType: 'avi:confluence:updated:comment',
      content: { version: { number: 2 } },
    });
    expect(state.deleteComment(top.content.id).eventType).toBe('avi:confluence:deleted:comment');
    expect(state.getComment(reply.content.id)).toBeUndefined();
    expect(() => state.updateComment(top.content.id, { body: 'x' })).toThrow(/Unknown comment id/);
    expect(() => state.addComment({ pageId: childId, body: 'x', authorId: 'ghost' })).toThrow(
      /Unknown author/,
    );
  });
});
