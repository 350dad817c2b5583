import updatedPage from '../../fixtures/events/updated-page.json';
import createdComment from '../../fixtures/events/created-comment.json';
import addedLabel from '../../fixtures/events/added-label.json';
import { normaliseEvent } from '../../../src/domain/normalise-event';
import { jobBodySchema } from '../../../src/domain/job-body';

describe('normaliseEvent', () => {
  it('turns an updated:page payload into a page event with ids, version and flags', () => {
    expect(normaliseEvent(updatedPage)).toEqual({
      kind: 'event',
      event: {
        kind: 'page',
        action: 'updated',
        pageId: '544112828',
        spaceKey: 'QM',
        version: 20,
        actorId: '5b10a2844c20165700ede21g',
        at: '2026-01-05T09:12:44.518Z',
        minorEdit: true,
        suppressNotifications: false,
        prevSpaceKey: undefined,
        prevParentId: undefined,
        originPageId: undefined,
      },
    });
  });

  it('takes the page id of a comment from its container (a number in the payload)', () => {
    const result = normaliseEvent(createdComment);
    expect(result).toMatchObject({
      kind: 'event',
      event: {
        kind: 'comment',
        action: 'created',
        pageId: '544112828',
        commentId: '544300001',
        location: 'inline',
        suppressNotifications: true,
      },
    });
  });

  it('normalises a label event on a page', () => {
    expect(normaliseEvent(addedLabel)).toMatchObject({
      kind: 'event',
      event: { kind: 'label', action: 'added', label: 'kb', pageId: '544112828' },
    });
  });

  it('drops self-generated events', () => {
    expect(normaliseEvent({ ...updatedPage, selfGenerated: true })).toEqual({
      kind: 'ignored',
      reason: 'avi:confluence:updated:page was caused by Relay itself',
    });
  });

  it('leaves live docs alone until they are published', () => {
    const live = { ...updatedPage, content: { ...updatedPage.content, subType: 'live' } };
    expect(normaliseEvent(live).kind).toBe('ignored');
    const published = { ...live, eventType: 'avi:confluence:published:page' };
    expect(normaliseEvent(published)).toMatchObject({ kind: 'event', event: { action: 'published' } });
  });

  it('ignores blog posts and labels on other content', () => {
    expect(
      normaliseEvent({ ...updatedPage, content: { ...updatedPage.content, type: 'blogpost' } }).kind,
    ).toBe('ignored');
    expect(
      normaliseEvent({ ...addedLabel, content: { ...addedLabel.content, type: 'attachment' } }).kind,
    ).toBe('ignored');
  });

  it('rejects unknown event types and malformed payloads with a reason', () => {
    expect(normaliseEvent({ ...updatedPage, eventType: 'avi:confluence:liked:page' })).toEqual({
      kind: 'invalid',
      reason: 'unknown event type "avi:confluence:liked:page"',
    });
    expect(normaliseEvent(null)).toEqual({ kind: 'invalid', reason: 'payload has no eventType' });
    const broken = normaliseEvent({ ...updatedPage, content: { type: 'page' } });
    expect(broken.kind).toBe('invalid');
    expect(broken.kind === 'invalid' && broken.reason).toContain('content.id');
  });

  it('keeps the queue body small: a few hundred bytes that parse back', () => {
    const result = normaliseEvent(updatedPage);
    if (result.kind !== 'event') throw new Error('expected an event');
    const body = { v: 1, event: result.event };
    expect(JSON.stringify(body).length).toBeLessThan(400);
    expect(jobBodySchema.parse(body).attempt).toBe(1);
  });
});
