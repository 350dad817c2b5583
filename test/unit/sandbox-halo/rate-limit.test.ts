import type { Kit } from './halo-test-kit';
import { startKit } from './halo-test-kit';

let kit: Kit;
afterEach(() => kit.halo.close());

const LIMITED = {
  status: 429,
  json: { error: 'Rate Limit Reached - 300 Requests per rolling 5 minute window' },
};

describe('fake Halo: 300 requests per rolling 5 minutes on the injected clock', () => {
  it('the 301st request is 429; it passes again once the oldest request leaves the window', async () => {
    kit = await startKit();
    const token = await kit.token(); // request 1 at t=0: token calls share the budget
    for (let i = 2; i <= 300; i += 1) {
      kit.clock.advance(500);
      expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(200);
    }
    const limited = await kit.call('GET', '/api/FAQLists', { token });
    expect(limited).toMatchObject(LIMITED);
    expect(limited.headers.get('retry-after')).toBeNull();
    // Unauthenticated requests and the token endpoint are throttled too; refusals are not counted.
    expect(await kit.call('GET', '/api/authinfo')).toMatchObject(LIMITED);
    // Request 1 was at t=0, the clock is at 149.5 s: at 300 s request 1 leaves the window.
    kit.clock.advance(300_000 - 149_500 - 1);
    expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(429);
    kit.clock.advance(1);
    expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(200);
    // Rolling, not fixed: only one slot was freed; the next frees 0.5 s later.
    expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(429);
    kit.clock.advance(500);
    expect((await kit.call('GET', '/api/FAQLists', { token })).status).toBe(200);
    expect(kit.halo.stats()).toMatchObject({ requests: 306, tokensIssued: 1 });
  });

  it('configurable limit; Retry-After (seconds until a slot frees) only when asked for', async () => {
    kit = await startKit({ rateLimit: { requests: 3, windowSeconds: 10, sendRetryAfter: true } });
    const token = await kit.token();
    kit.clock.advance(2_000);
    await kit.call('GET', '/api/KBArticle', { token });
    await kit.call('GET', '/api/KBArticle', { token });
    const limited = await kit.call('GET', '/api/KBArticle', { token });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: 'Rate Limit Reached - 3 Requests per rolling 10 second window' });
    expect(limited.headers.get('retry-after')).toBe('8');
    kit.clock.advance(7_999);
    expect((await kit.call('GET', '/api/KBArticle', { token })).status).toBe(429);
    kit.clock.advance(1);
    expect((await kit.call('GET', '/api/KBArticle', { token })).status).toBe(200);
  });
});
