import type { DeliveryRecord } from '../../src/domain/delivery-record';
import { ENTITIES } from '../../src/domain/storage-layout';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

function scenario(settings: Record<string, unknown> = {}) {
  return scenarioSchema.parse({
    name: 'halo',
    users: [{ accountId: 'u1', displayName: 'Alice' }],
    spaces: [{ key: 'DOCS', name: 'Product docs' }],
    pages: [
      {
        ref: 'a',
        space: 'DOCS',
        title: 'VPN setup',
        body: '<h2>Steps</h2><p>Install the client.</p>',
        author: 'u1',
        labels: ['kb'],
      },
      { ref: 'b', space: 'DOCS', title: 'Printer FAQ', body: '<p>Turn it off and on.</p>', author: 'u1' },
    ],
    targets: [{ id: 'desk', name: 'Service desk', kind: 'halo', settings }],
    mappings: [{ space: 'DOCS', targets: [{ id: 'desk', pushRestricted: true }] }],
    steps: [],
    expect: { targets: {} },
  });
}

describe('the Halo target', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  const halo = () => env.halos.get('desk')!;
  const articles = () => halo().state().articles;
  const edit = async (ref: string, body: string, title?: string) => {
    await handleConfluenceEvent(env.platform, env.state.updatePage(env.refs.get(ref)!, { body, title }));
    await env.queue.runUntilIdle();
  };
  const log = () =>
    Object.values(env.store.snapshot().entities[ENTITIES.delivery.name] ?? {}).map(
      (v) => v as unknown as DeliveryRecord,
    );

  it('creates one article per page in the space’s FAQ list, then updates it in place', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<h2>Steps</h2><p>Install the client, then sign in.</p>');
    await edit('a', '<p>Version three.</p>', 'VPN setup guide');
    expect(articles()).toHaveLength(1);
    const [article] = articles();
    expect(article).toMatchObject({ name: 'VPN setup guide', showforall: true });
    expect(article!.tags.sort()).toEqual(['confluence', `confluence-${env.refs.get('a')}`, 'kb']);
    expect(article!.description).toContain('<p>Version three.</p>');
    expect(article!.description).toMatch(
      /<a href="http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/DOCS\/pages\/\d+\/[^"]*">Open in Confluence<\/a>/,
    );
    const lists = halo().state().faqLists;
    expect(lists.map((l) => l.name)).toEqual(['Product docs']);
    expect(article!.faqlistIds).toEqual([lists[0]!.id]);
  });

  it('costs one write per text-only update with a cached token', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().resetStats();
    await edit('a', '<p>v3</p>');
    const routes = halo().stats().byRoute;
    expect(routes['POST /api/KBArticle']).toBe(1);
    expect(routes['POST /auth/token'] ?? 0).toBe(0);
  });

  it('keeps going when the token expires mid-run', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().expireTokens();
    await edit('a', '<p>v3</p>');
    expect(articles()[0]!.description).toContain('<p>v3</p>');
  });

  it('recreates an article deleted by hand in Halo on the next update, never two', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().deleteArticle(articles()[0]!.id);
    await edit('a', '<p>v3</p>');
    expect(articles()).toHaveLength(1);
    expect(
      log().some((r) => r.status === 'delivered' && /deleted in Halo; recreated/.test(r.reason ?? '')),
    ).toBe(true);
  });

  it('finds its article by the marker tag when the ledger is lost', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    for (const key of Object.keys(env.store.snapshot().entities[ENTITIES.ledger.name] ?? {})) {
      await env.store.deleteEntity(ENTITIES.ledger.name, key);
    }
    await edit('a', '<p>v3</p>');
    expect(articles()).toHaveLength(1);
    expect(articles()[0]!.description).toContain('<p>v3</p>');
  });

  it('recreates a FAQ list deleted in Halo, or reports it, per setting', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().deleteFaqList(halo().state().faqLists[0]!.id);
    await edit('a', '<p>v3</p>');
    expect(halo().state().faqLists).toHaveLength(1);
    expect(articles()[0]!.faqlistIds).toEqual([halo().state().faqLists[0]!.id]);
    await env.close();

    env = await startSandbox(scenario({ onMissingFaqList: 'report' }), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().deleteFaqList(halo().state().faqLists[0]!.id);
    await edit('a', '<p>v3</p>');
    expect(log().some((r) => r.status === 'failed' && /no longer exists in Halo/.test(r.reason ?? ''))).toBe(
      true,
    );
  });

  it('overwrites a hand edit and says so, or keeps it and flags it, per setting', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().editArticleByHand(articles()[0]!.id, { description: '<p>fixed in Halo</p>' });
    await edit('a', '<p>v3</p>');
    expect(articles()[0]!.description).toContain('<p>v3</p>');
    expect(
      log().some(
        (r) =>
          r.status === 'delivered' && /overwrote changes made in Halo by Halo Admin/.test(r.reason ?? ''),
      ),
    ).toBe(true);
    await env.close();

    env = await startSandbox(scenario({ handEdits: 'keep' }), (v) => v);
    await edit('a', '<p>v2</p>');
    halo().editArticleByHand(articles()[0]!.id, { description: '<p>fixed in Halo</p>' });
    await edit('a', '<p>v3</p>');
    expect(articles()[0]!.description).toBe('<p>fixed in Halo</p>');
    expect(
      log().some(
        (r) => r.status === 'skipped' && /edited in Halo by Halo Admin .* kept/.test(r.reason ?? ''),
      ),
    ).toBe(true);
  });

  it('retries through 500s and 429 storms, and deletes the article when the page is trashed', async () => {
    env = await startSandbox(scenario(), (v) => v);
    halo().injectFaults([
      { pathPrefix: '/api/KBArticle', status: 500, times: 2 },
      { pathPrefix: '/api/KBArticle', status: 429, times: 3 },
    ]);
    await edit('a', '<p>v2</p>');
    expect(articles()).toHaveLength(1);
    await handleConfluenceEvent(env.platform, env.state.trashPage(env.refs.get('a')!));
    await env.queue.runUntilIdle();
    expect(articles()).toHaveLength(0);
  });

  it('records a body Halo rejects with Halo’s message, and other pages are unaffected', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await edit('a', `<p>${'x'.repeat(1_000_100)}</p>`);
    await edit('b', '<p>small</p>');
    const failed = log().find((r) => r.status === 'failed');
    expect(failed?.reason).toMatch(/Halo rejected/);
    expect(articles().map((a) => a.name)).toEqual(['Printer FAQ']);
  });

  it('re-hosts the page’s images in Halo once, and keeps a broken image as a link', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const pageId = env.refs.get('a')!;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    env.state.addAttachment(pageId, { filename: 'diagram.png', bytes: png, mediaType: 'image/png' });
    const body =
      '<p>See:</p><ac:image><ri:attachment ri:filename="diagram.png"/></ac:image><ac:image><ri:attachment ri:filename="missing.png"/></ac:image>';
    await edit('a', body);
    const [image] = halo().state().images;
    expect(image).toBeDefined();
    const html = articles()[0]!.description;
    expect(html).toContain(`src="${image!.link}"`);
    expect(html).toMatch(/src="[^"]*\/download\/attachments\/\d+\/missing\.png[^"]*"/);
    const served = await fetch(image!.link);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect(
      log().some(
        (r) =>
          r.status === 'delivered' &&
          /image missing\.png could not be read from Confluence/.test(r.reason ?? ''),
      ),
    ).toBe(true);
    halo().resetStats();
    await edit('a', body.replace('See:', 'See the diagram:'));
    expect(halo().stats().byRoute['POST /api/attachment/image'] ?? 0).toBe(0);
    expect(articles()[0]!.description).toContain(`src="${image!.link}"`);
  });

  it('splits a page with many images across jobs, each image uploaded once', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const pageId = env.refs.get('a')!;
    const names = Array.from({ length: 25 }, (_, i) => `shot-${i}.png`);
    for (const [i, filename] of names.entries()) {
      env.state.addAttachment(pageId, {
        filename,
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, i]),
        mediaType: 'image/png',
      });
    }
    await edit('a', names.map((n) => `<ac:image><ri:attachment ri:filename="${n}"/></ac:image>`).join(''));
    expect(halo().state().images).toHaveLength(25);
    expect(articles()).toHaveLength(1);
    const html = articles()[0]!.description;
    for (const image of halo().state().images) expect(html).toContain(`src="${image.link}"`);
    expect(html).not.toContain('/download/attachments/');
    const delivered = log().filter((r) => r.status === 'delivered');
    expect(delivered.map((r) => /more image\(s\) follow/.test(r.reason ?? ''))).toEqual([true, true, false]);
    expect(halo().stats().byRoute['POST /api/attachment/image']).toBe(25);
  });

  it('lets each mapping choose who sees its articles in Halo', async () => {
    const teams = scenarioSchema.parse({
      ...scenario(),
      spaces: [
        { key: 'DOCS', name: 'Product docs' },
        { key: 'OPS', name: 'Operations' },
      ],
      pages: [
        ...scenario().pages,
        { ref: 'c', space: 'OPS', title: 'On-call handbook', body: '<p>Agents only.</p>', author: 'u1' },
      ],
      mappings: [
        { space: 'DOCS', targets: [{ id: 'desk', pushRestricted: true, haloVisibility: { teams: [2] } }] },
        { space: 'OPS', targets: [{ id: 'desk', pushRestricted: true, haloVisibility: 'agents' }] },
      ],
    });
    env = await startSandbox(teams, (v) => v);
    await edit('a', '<p>v2</p>');
    await edit('c', '<p>v2</p>');
    const byName = Object.fromEntries(articles().map((a) => [a.name, a]));
    expect(byName['VPN setup']).toMatchObject({ showforall: false, teamIds: [2] });
    expect(byName['On-call handbook']).toMatchObject({ showforall: false, teamIds: [] });
  });

  it('lists the page’s other attachments as links in the article', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const pageId = env.refs.get('a')!;
    env.state.addAttachment(pageId, {
      filename: 'VPN manual.pdf',
      bytes: new Uint8Array([37, 80, 68, 70]),
      mediaType: 'application/pdf',
    });
    await edit('a', '<p>See the manual.</p>');
    const html = articles()[0]!.description;
    expect(html).toMatch(
      /<h3>Attachments<\/h3><ul><li><a href="http:\/\/127\.0\.0\.1:\d+\/wiki\/download\/attachments\/\d+\/VPN%20manual\.pdf[^"]*">VPN manual\.pdf<\/a><\/li><\/ul>/,
    );
  });

  it('moves an article to the FAQ list of the space its page moved to; removes it when that space is unmapped', async () => {
    const twoSpaces = scenarioSchema.parse({
      ...scenario(),
      spaces: [
        { key: 'DOCS', name: 'Product docs' },
        { key: 'OPS', name: 'Operations' },
        { key: 'HR', name: 'People' },
      ],
      mappings: [
        { space: 'DOCS', targets: [{ id: 'desk', pushRestricted: true }] },
        { space: 'OPS', targets: [{ id: 'desk', pushRestricted: true }] },
      ],
    });
    env = await startSandbox(twoSpaces, (v) => v);
    await edit('a', '<p>v2</p>');
    const space = (key: string) => env.state.getSpaceByKey(key)!.id;
    await handleConfluenceEvent(
      env.platform,
      env.state.movePage(env.refs.get('a')!, { spaceId: space('OPS'), parentId: null }),
    );
    await env.queue.runUntilIdle();
    const ops = halo()
      .state()
      .faqLists.find((l) => l.name === 'Operations')!;
    expect(articles()).toHaveLength(1);
    expect(articles()[0]!.faqlistIds).toEqual([ops.id]);
    await handleConfluenceEvent(
      env.platform,
      env.state.movePage(env.refs.get('a')!, { spaceId: space('HR'), parentId: null }),
    );
    await env.queue.runUntilIdle();
    expect(articles()).toHaveLength(0);
  });
});
