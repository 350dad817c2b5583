import { HaloError, parseHaloErrorBody } from '../../../src/targets/halo/halo-errors';
import type { HttpRequest } from '../../../src/ports/http';
import { HaloClient } from '../../../src/targets/halo/halo-client';
import type { ClientKit } from './halo-client-kit';
import { startClientKit } from './halo-client-kit';

let kit: ClientKit;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a HaloError');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(HaloError);
      return error as HaloError;
    },
  );

describe('parseHaloErrorBody: the shapes HAPI parses (targets.md A.2)', () => {
  it.each([
    [
      '{"ClassName":"System.Exception","Message":"Please enter a name"}',
      { message: 'Please enter a name', code: 'System.Exception' },
    ],
    [
      '{"Message":"Authorization has been denied for this request."}',
      { message: 'Authorization has been denied for this request.' },
    ],
    ['{"resultCode":3,"errorMessage":"Article is locked"}', { message: 'Article is locked', code: '3' }],
    [
      '{"error":"invalid_client","error_description":"Invalid client credentials"}',
      { message: 'Invalid client credentials', code: 'invalid_client' },
    ],
    ['{"error":"Rate Limit Reached"}', { message: 'Rate Limit Reached', code: 'Rate Limit Reached' }],
    ['<html><body><h1>502 Bad Gateway</h1></body></html>', { message: '502 Bad Gateway' }],
    ['"a JSON string"', { message: 'a JSON string' }],
    ['', {}],
    ['[1,2]', {}],
  ])('%s', (text, expected) => {
    expect(parseHaloErrorBody(text)).toEqual(expected);
  });

  it('cuts long messages', () => {
    expect(parseHaloErrorBody('x'.repeat(1000)).message).toHaveLength(300);
  });
});

describe('HaloClient: failures become HaloErrors that say what to do', () => {
  afterEach(() => kit.halo.close());

  it('429 from Halo → rate-limited (60 s without Retry-After); the window is saturated for everyone', async () => {
    kit = await startClientKit({ rateLimit: { requests: 5, windowSeconds: 300 } });
    const client = kit.client();
    for (let i = 0; i < 3; i += 1) await client.listFaqLists(); // + authinfo + token = 5
    const limited = await failure(client.listFaqLists());
    expect(limited).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      retryAfterSeconds: 60,
      retryable: true,
    });
    expect(limited.haloMessage).toBe('Rate Limit Reached - 5 Requests per rolling 5 minute window');
    expect(kit.statuses.filter((s) => s === 429)).toHaveLength(1);
    // Another consumer does not call Halo before the minute is over.
    expect(await failure(kit.client().listFaqLists())).toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 60,
    });
    expect(kit.statuses).toHaveLength(6);
  });

  it('429 with Retry-After: the header decides the wait', async () => {
    kit = await startClientKit({ rateLimit: { requests: 3, windowSeconds: 120, sendRetryAfter: true } });
    const client = kit.client();
    await client.listFaqLists();
    expect(await failure(client.listFaqLists())).toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 120,
    });
    await kit.clock.advanceBy(119_000);
    expect(await failure(client.listFaqLists())).toMatchObject({
      kind: 'rate-limited',
      retryAfterSeconds: 1,
    });
    await kit.clock.advanceBy(1_000);
    expect(await client.listFaqLists()).toEqual([]);
  });

  it('5xx → unavailable, retryable, with Retry-After and Halo’s message', async () => {
    kit = await startClientKit();
    kit.halo.injectFaults([{ pathPrefix: '/api/KBArticle', status: 503, retryAfterSeconds: 30, times: 1 }]);
    const down = await failure(kit.client().getArticle(1001));
    expect(down).toMatchObject({ kind: 'unavailable', status: 503, retryAfterSeconds: 30, retryable: true });
    expect(down.message).toMatch(/^Halo is unavailable: 127\.0\.0\.1:\d+ answered 503: Injected fault$/);
    kit.halo.injectFaults([{ pathPrefix: '/api/', status: 502, body: '<html>Bad Gateway</html>', times: 1 }]);
    expect(await failure(kit.client().listFaqLists())).toMatchObject({
      kind: 'unavailable',
      haloMessage: 'Bad Gateway',
    });
  });

  it('400 → rejected with Halo’s message, not retryable', async () => {
    kit = await startClientKit();
    const rejected = await failure(
      kit.client().saveArticle({ name: 'VPN', description: '<p>x</p><script>x()</script>' }),
    );
    expect(rejected).toMatchObject({ kind: 'rejected', status: 400, retryable: false });
    expect(rejected.message).toBe(
      "Halo rejected the article: A potentially dangerous value was detected in 'description' (<script>)",
    );
    expect(rejected.haloMessage).toBe(
      "A potentially dangerous value was detected in 'description' (<script>)",
    );
    expect(kit.logText()).not.toContain('<p>x</p>');
  });

  it('403 without an egress block → auth (permission); a timeout or abort → unavailable', async () => {
    kit = await startClientKit();
    await kit.secrets.setSecret('target:kb:halo-client-secret', 'reader-secret');
    const reader = kit.client({ clientId: 'reader', scope: 'read:kb' });
    expect(await failure(reader.saveFaqList({ name: 'IT' }))).toMatchObject({ kind: 'auth', status: 403 });
    const aborted = new HaloClient(kit.settings, kit.deps, AbortSignal.abort());
    const timeout = await failure(aborted.listFaqLists());
    expect(timeout).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/did not answer in time/),
    });
  });

  it('a 2xx answer that is not Halo’s (a proxy’s HTML page, an odd shape) → unavailable, named', async () => {
    kit = await startClientKit();
    const proxied = (text: string) => ({
      fetch: async (request: HttpRequest) =>
        request.url.includes('/api/FAQLists')
          ? {
              status: 200,
              headers: new Headers(),
              text: async () => text,
              arrayBuffer: async () => new ArrayBuffer(0),
            }
          : kit.http.fetch(request),
    });
    const html = await failure(kit.client({}, proxied('<html>Maintenance</html>')).listFaqLists());
    expect(html).toMatchObject({
      kind: 'unavailable',
      message: "Halo's answer for the FAQ lists is not JSON",
    });
    const odd = await failure(kit.client({}, proxied('{"unexpected":true}')).listFaqLists());
    expect(odd).toMatchObject({
      kind: 'unavailable',
      message: 'Halo answered with an unexpected body for the FAQ lists',
    });
  });
});
