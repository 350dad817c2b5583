import type { Kit } from './halo-test-kit';
import { startKit } from './halo-test-kit';

let kit: Kit;
let token: string;

beforeEach(async () => {
  kit = await startKit();
  token = await kit.token();
});
afterEach(() => kit.halo.close());

const post = (json: unknown) => kit.call('POST', '/api/FAQLists', { token, json });

describe('fake Halo: /api/FAQLists', () => {
  it('creates, lists as a bare array, gets by id', async () => {
    const created = await post([{ name: 'Engineering', showforall: true }]);
    const expected = {
      id: 1,
      name: 'Engineering',
      showforall: true,
      level: 0,
      is_group: false,
      group_id: 0,
      group_name: '',
      full_name: 'Engineering',
      article_count: 0,
    };
    expect(created).toMatchObject({ status: 200, json: expected });
    expect((await kit.call('GET', '/api/FAQLists?type=0&showall=true', { token })).json).toEqual([expected]);
    expect((await kit.call('GET', '/api/FAQLists/1?includedetails=true', { token })).json).toEqual(expected);
  });

  it('nests by group_id and updates in place by id', async () => {
    await post([{ name: 'IT' }]);
    const child = await post([{ name: 'Network', group_id: 1 }]);
    expect(child.json).toMatchObject({
      id: 2,
      level: 1,
      group_id: 1,
      group_name: 'IT',
      full_name: 'IT / Network',
    });
    expect((await kit.call('GET', '/api/FAQLists/1', { token })).json).toMatchObject({ is_group: true });
    const renamed = await post([{ id: 1, name: 'IT Ops' }]);
    expect(renamed.json).toMatchObject({ id: 1, name: 'IT Ops', showforall: false });
    expect((await kit.call('GET', '/api/FAQLists/2', { token })).json).toMatchObject({
      full_name: 'IT Ops / Network',
    });
  });

  it('refuses a missing name, an unknown parent, a cycle, an unknown id', async () => {
    const rejected = (Message: string) => ({ status: 400, json: { ClassName: 'System.Exception', Message } });
    expect(await post([{ showforall: true }])).toMatchObject(
      rejected('Please enter a name for the FAQ list'),
    );
    expect(await post([{ name: 'x', group_id: 42 }])).toMatchObject(rejected('FAQ list 42 does not exist'));
    await post([{ name: 'A' }]);
    await post([{ name: 'B', group_id: 1 }]);
    expect(await post([{ id: 1, group_id: 2 }])).toMatchObject(
      rejected('A FAQ list cannot be placed inside itself'),
    );
    expect(await post([{ id: 9, name: 'x' }])).toMatchObject({
      status: 404,
      json: { ClassName: 'System.Exception', Message: 'FAQList with id 9 not found' },
    });
  });

  it('deletes: 200 empty, then 404; its articles stay but lose the link; child lists move up', async () => {
    await post([{ name: 'IT' }]);
    await post([{ name: 'Network', group_id: 1 }]);
    const article = await kit.call('POST', '/api/KBArticle', {
      token,
      json: [{ name: 'VPN', faqlists: [{ id: 1 }] }],
    });
    const { id } = article.json as { id: number };
    const deleted = await kit.call('DELETE', '/api/FAQLists/1', { token });
    expect(deleted).toMatchObject({ status: 200, text: '' });
    expect((await kit.call('GET', '/api/FAQLists/1', { token })).status).toBe(404);
    expect((await kit.call('DELETE', '/api/FAQLists/1', { token })).status).toBe(404);
    expect((await kit.call('GET', `/api/KBArticle/${id}?includedetails=true`, { token })).json).toMatchObject(
      {
        faqlists: [],
      },
    );
    expect((await kit.call('GET', '/api/FAQLists/2', { token })).json).toMatchObject({
      group_id: 0,
      level: 0,
    });
    const relink = await kit.call('POST', '/api/KBArticle', { token, json: [{ id, faqlists: [{ id: 1 }] }] });
    expect(relink.status).toBe(400);
  });
});
