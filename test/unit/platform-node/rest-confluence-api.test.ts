import { pathTemplate, RestConfluenceApi } from '../../../src/platform/node/rest-confluence-api';
import { startLoopback, type Loopback } from './loopback-server';

describe('RestConfluenceApi against a loopback server', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback((req, res) => {
      res.writeHead(req.url.includes('missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: '123', echo: req.url }));
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.seen.splice(0));

  const api = (): RestConfluenceApi =>
    new RestConfluenceApi({ baseUrl: `${server.url}/`, email: 'ada@example.com', apiToken: 'tok-123' });

  it('sends GET with basic auth and JSON accept to the site path', async () => {
    const response = await api().request('/wiki/api/v2/pages/123?body-format=storage');
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({
      id: '123',
      echo: '/wiki/api/v2/pages/123?body-format=storage',
    });
    const [seen] = server.seen;
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/wiki/api/v2/pages/123?body-format=storage');
    expect(seen?.headers.authorization).toBe(
      `Basic ${Buffer.from('ada@example.com:tok-123').toString('base64')}`,
    );
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['content-type']).toBeUndefined();
  });

  it('sends a JSON body with its content type, and keeps its own Authorization', async () => {
    const body = JSON.stringify({ name: 'relay' });
    await api().request('/wiki/rest/api/content/42/label', {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer forged', 'X-Atlassian-Token': 'no-check' },
    });
    const [seen] = server.seen;
    expect(seen?.method).toBe('POST');
    expect(seen?.body).toBe(body);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-atlassian-token']).toBe('no-check');
    expect(seen?.headers.authorization).toMatch(/^Basic /);
  });

  it('resolves error statuses and counts requests per path template', async () => {
    const client = api();
    await client.request('/wiki/api/v2/pages/1');
    await client.request('/wiki/api/v2/pages/2?include-labels=true');
    await client.request('/wiki/api/v2/pages/2/labels');
    expect((await client.request('/wiki/api/v2/missing')).status).toBe(404);
    expect(client.stats()).toEqual({
      requests: 4,
      byPath: {
        '/wiki/api/v2/missing': 1,
        '/wiki/api/v2/pages/{id}': 2,
        '/wiki/api/v2/pages/{id}/labels': 1,
      },
    });
  });

  it('refuses a path that does not start at the site root', () => {
    expect(() => api().request('wiki/api/v2/pages')).toThrow('must start with "/"');
  });
});

describe('pathTemplate', () => {
  it.each([
    ['/wiki/api/v2/pages/123', '/wiki/api/v2/pages/{id}'],
    ['/wiki/api/v2/pages/123/children?limit=5', '/wiki/api/v2/pages/{id}/children'],
    ['/wiki/api/v2/spaces/DOCS', '/wiki/api/v2/spaces/DOCS'],
    ['/wiki/api/v2/pages/12abc', '/wiki/api/v2/pages/12abc'],
  ])('%s → %s', (path, template) => {
    expect(pathTemplate(path)).toBe(template);
  });
});
