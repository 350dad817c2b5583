import { NodeHttp } from '../../../src/platform/node/node-http';
import { startLoopback, type Loopback } from './loopback-server';

describe('NodeHttp against a loopback server', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/elsewhere' }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 1_000).unref();
      } else {
        res
          .writeHead(req.url === '/fail' ? 503 : 200, { 'retry-after': '7' })
          .end(`${req.method} ${req.body}`);
      }
    });
  });
  afterAll(() => server.close());

  it('sends method, headers and body, and resolves error statuses', async () => {
    const http = new NodeHttp();
    const ok = await http.fetch({
      method: 'PUT',
      url: `${server.url}/x`,
      headers: { 'x-id': '1' },
      body: 'hello',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('PUT hello');
    expect(server.seen.at(-1)?.headers['x-id']).toBe('1');
    const failed = await http.fetch({ method: 'GET', url: `${server.url}/fail`, headers: {} });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('Retry-After')).toBe('7');
  });

  it('does not follow redirects', async () => {
    const response = await new NodeHttp().fetch({
      method: 'GET',
      url: `${server.url}/redirect`,
      headers: {},
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(server.seen.some((req) => req.url === '/elsewhere')).toBe(false);
  });

  it('rejects on its own timeout and on the caller abort', async () => {
    const quick = new NodeHttp({ timeoutMs: 50 });
    await expect(quick.fetch({ method: 'GET', url: `${server.url}/slow`, headers: {} })).rejects.toThrow();
    const controller = new AbortController();
    const pending = new NodeHttp().fetch({
      method: 'GET',
      url: `${server.url}/slow`,
      headers: {},
      signal: controller.signal,
    });
    controller.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
  });

  it('rejects on network failure', async () => {
    await expect(
      new NodeHttp().fetch({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} }),
    ).rejects.toThrow();
  });
});

describe('NodeHttp egress', () => {
  it('allows every host unless an egress list is given', async () => {
    expect(await new NodeHttp().egressAllowed('https://anything.example.org/x')).toBe(true);
  });

  it('answers a blocked host with a Forge-style 403 and never calls fetch', async () => {
    const calls: string[] = [];
    const stub: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response('ok', { status: 200 });
    };
    const http = new NodeHttp({ fetch: stub, egress: ['https://*.bitrix24.com', 'https://kb.example.org'] });
    expect(await http.egressAllowed('https://acme.bitrix24.com/rest')).toBe(true);
    expect(await http.egressAllowed('https://bitrix24.com/rest')).toBe(false);
    const blocked = await http.fetch({ method: 'POST', url: 'https://evil.example.net/hook', headers: {} });
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('forge-proxy-error')).toBe('BLOCKED_EGRESS');
    expect(await blocked.text()).toContain('evil.example.net');
    const allowed = await http.fetch({ method: 'GET', url: 'https://kb.example.org/api', headers: {} });
    expect(allowed.status).toBe(200);
    expect(calls).toEqual(['https://kb.example.org/api']);
  });
});
