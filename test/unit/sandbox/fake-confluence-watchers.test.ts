import { ALICE, BOB, site } from './confluence-fixture';
import { serve } from './confluence-http';

describe('fake Confluence: page watchers (v1 notification/created)', () => {
  it('lists the creator, the last editor and commenters, with e-mail only where revealed', async () => {
    const s = site();
    s.state.updatePage(s.childId, { body: '<p>edited</p>', by: BOB });
    const { fake, get } = await serve(s);
    try {
      const res = await get(`/wiki/rest/api/content/${s.childId}/notification/created`);
      expect(res.status).toBe(200);
      const results = res.json.results as Array<{
        type: string;
        watcher: Record<string, unknown>;
        contentId: number;
      }>;
      expect(results.map((r) => [r.type, r.watcher.accountId, r.watcher.email ?? null, r.contentId])).toEqual(
        [
          ['page', ALICE, 'alice@example.com', Number(s.childId)],
          ['page', BOB, null, Number(s.childId)],
        ],
      );
      expect(res.json.size).toBe(2);
      expect((await get('/wiki/rest/api/content/999999/notification/created')).status).toBe(404);
    } finally {
      await fake.close();
    }
  });
});
