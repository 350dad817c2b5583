import type { ClientKit } from './halo-client-kit';
import { startClientKit, withPatience } from './halo-client-kit';

let kit: ClientKit;
afterEach(() => kit.halo.close());

const sent = () => kit.halo.stats().requests;

describe('HaloClient under Halo’s 300 requests per rolling 5 minutes', () => {
  it('the 301st request in 5 minutes is not sent: rate-limited with the wait, Halo never answers 429', async () => {
    kit = await startClientKit();
    const client = kit.client();
    for (let i = 0; i < 298; i += 1) await client.listFaqLists(); // after GET authinfo and POST token
    expect(sent()).toBe(300);
    await expect(client.listFaqLists()).rejects.toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 301,
    });
    await expect(kit.client().saveFaqList({ name: 'IT' })).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(sent()).toBe(300);
    await kit.clock.advanceBy(301_000);
    expect(await client.listFaqLists()).toEqual([]);
    expect(kit.statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('1,000 sequential calls through the client finish within 10 % of the limit’s floor, with no 429', async () => {
    kit = await startClientKit();
    const client = kit.client();
    const start = kit.clock.now();
    let refusals = 0;
    for (let i = 0; i < 1000; i += 1) {
      await withPatience(kit.clock, () => {
        refusals += 1;
        return client.listFaqLists();
      });
    }
    const elapsedSeconds = (kit.clock.now() - start) / 1000;
    const requests = sent(); // 1,000 calls + authinfo + token
    const floorSeconds = (Math.ceil(requests / 300) - 1) * 300;
    expect(requests).toBe(1002);
    expect(refusals - 1000).toBe(3); // one refusal per window boundary, none sent to Halo
    expect(elapsedSeconds).toBeGreaterThanOrEqual(floorSeconds);
    expect(elapsedSeconds).toBeLessThanOrEqual(floorSeconds * 1.1);
    // Measured: 903 s for a 900 s floor, the 1 s safety margin once per window boundary.
    expect(elapsedSeconds).toBe(floorSeconds + 3);
    expect(kit.statuses).toHaveLength(requests);
    expect(kit.statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
