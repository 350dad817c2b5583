import type { Kit } from './halo-test-kit';
import { startKit } from './halo-test-kit';

let kit: Kit;
let token: string;

beforeEach(async () => {
  kit = await startKit({ maxArticleBodyChars: 100 });
  token = await kit.token();
});
afterEach(() => kit.halo.close());

const post = (json: unknown, headers?: Record<string, string>) =>
  kit.call('POST', '/api/KBArticle', { token, json, ...(headers === undefined ? {} : { headers }) });
const rejected = (message: string) => ({
  status: 400,
  json: { ClassName: 'System.Exception', Message: message },
});

describe('fake Halo: what /api/KBArticle refuses', () => {
  it('an article without a name, or an update that blanks it', async () => {
    expect(await post([{ description: '<p>x</p>' }])).toMatchObject(
      rejected('Please enter a name for the article'),
    );
    expect(await post([{ name: '   ' }])).toMatchObject(rejected('Please enter a name for the article'));
    const { id } = (await post([{ name: 'Kept' }])).json as { id: number };
    expect(await post([{ id, name: '' }])).toMatchObject(rejected('Please enter a name for the article'));
    expect(kit.halo.state().articles.map((a) => a.name)).toEqual(['Kept']);
  });

  it('a body Halo rejects: <script anywhere in an HTML field, or longer than the limit', async () => {
    expect(await post([{ name: 'x', description: '<p>a</p><SCRIPT>alert(1)</SCRIPT>' }])).toMatchObject(
      rejected("A potentially dangerous value was detected in 'description' (<script>)"),
    );
    expect(await post([{ name: 'x', resolution_html: '<script src=x>' }])).toMatchObject({ status: 400 });
    expect(await post([{ name: 'x', description_html: 'a'.repeat(101) }])).toMatchObject(
      rejected("'description_html' is longer than the maximum of 100 characters"),
    );
    expect((await post([{ name: 'x', description: 'a'.repeat(100) }])).status).toBe(200);
  });

  it('an unknown FAQ list or team id (an article id is not a FAQ list id)', async () => {
    expect(await post([{ name: 'x', faqlists: [{ id: 7 }] }])).toMatchObject(
      rejected('FAQ list 7 does not exist'),
    );
    const { id } = (await post([{ name: 'first' }])).json as { id: number };
    expect(await post([{ name: 'x', faqlists: [{ id }] }])).toMatchObject(
      rejected(`FAQ list ${id} does not exist`),
    );
    expect(await post([{ name: 'x', faqlists: [7] }])).toMatchObject(
      rejected("Every entry of 'faqlists' needs a positive integer 'id'"),
    );
    expect(await post([{ name: 'x', teams: [{ id: 9 }] }])).toMatchObject(rejected('Team 9 does not exist'));
    const teams = await post([{ name: 'agents', showforall: false, teams: [{ id: 2 }] }]);
    expect(teams.json).toMatchObject({ showforall: false, teams: [{ id: 2, name: '2nd Line Support' }] });
  });

  it('not an array, not JSON, not a JSON media type, wrong field types', async () => {
    expect(await post({ name: 'x' })).toMatchObject(
      rejected('The request body must be a JSON array of records'),
    );
    expect(await post([])).toMatchObject(rejected('The request body contains no records'));
    expect(await post(['x'])).toMatchObject(rejected('Record 0 is not a JSON object'));
    const broken = await kit.call('POST', '/api/KBArticle', {
      token,
      body: '[{"name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const text = await post([{ name: 'x' }], { 'Content-Type': 'text/plain' });
    expect(text).toMatchObject({
      status: 415,
      json: { Message: "The request entity's media type 'text/plain' is not supported for this resource." },
    });
    expect((await post([{ name: 'x' }], { 'Content-Type': 'application/json-patch+json' })).status).toBe(200);
    expect(await post([{ name: 'x', showforall: 'yes' }])).toMatchObject(
      rejected("Error converting value for 'showforall': expected a boolean"),
    );
    expect(await post([{ id: -1, name: 'x' }])).toMatchObject({ status: 400 });
  });

  it('a request body over 30,000,000 bytes (the ASP.NET default) is a 413', async () => {
    const body = JSON.stringify([{ name: 'x', description: 'a'.repeat(30_000_000) }]);
    const reply = await kit.call('POST', '/api/KBArticle', {
      token,
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(reply).toMatchObject({ status: 413, json: { Message: 'The request body is too large.' } });
    expect((await kit.call('GET', '/api/KBArticle', { token })).status).toBe(200);
  });

  it('all elements are validated before any is saved', async () => {
    expect((await post([{ name: 'good' }, { name: '' }])).status).toBe(400);
    expect(kit.halo.state().articles).toEqual([]);
  });

  it('inline attachments: data_base64 adds, {id} keeps, a missing one is removed; bytes never echoed', async () => {
    const data_base64 = Buffer.from('diagram').toString('base64');
    const created = await post([{ name: 'x', attachments: [{ filename: 'a.png', data_base64, desc: 'A' }] }]);
    const first = (created.json as { id: number; attachments: Array<{ id: number }> }).attachments[0];
    expect(first).toEqual({
      id: 5001,
      filename: 'a.png',
      datecreated: expect.any(String),
      filesize: 7,
      desc: 'A',
      showforusers: true,
    });
    const id = (created.json as { id: number }).id;
    const second = await post([{ id, attachments: [{ id: 5001 }, { filename: 'b.txt', data_base64 }] }]);
    expect((second.json as { attachments: unknown[] }).attachments).toMatchObject([
      { id: 5001 },
      { id: 5002 },
    ]);
    expect(await post([{ id, attachments: [{ id: 4 }] }])).toMatchObject(
      rejected('Attachment 4 does not belong to this article'),
    );
    expect(await post([{ id, attachments: [{ filename: 'c', data_base64: '***' }] }])).toMatchObject(
      rejected("Attachment 'c' needs its content in data_base64"),
    );
    await post([{ id, attachments: [] }]);
    expect(kit.halo.state().articles[0]?.attachments).toEqual([]);
  });
});
