import { button, findAll, installBridge, invoked, removeBridge, render, textOf } from './forge-doc';

const BYLINE = '../../../src/frontend/byline-app';

beforeAll(installBridge);
afterAll(removeBridge);

const status = {
  visible: true,
  version: 19,
  canPush: true,
  targets: [
    {
      targetId: 'halo',
      targetName: 'Service desk KB',
      state: 'synced',
      deliveredVersion: 19,
      link: 'https://acme.haloitsm.com/kb?id=812',
    },
    {
      targetId: 'hooks',
      targetName: 'Knowledge hooks',
      state: 'failed',
      deliveredVersion: 0,
      reason: 'hooks.example.com answered 500',
    },
    {
      targetId: 'chat',
      targetName: 'Team chat',
      state: 'blocked',
      deliveredVersion: 0,
      reason: 'page is blocked by a read restriction on page 77',
    },
  ],
};

describe('page byline (UI Kit, rendered to a ForgeDoc)', () => {
  it('shows the status per target with reasons and the link to the remote record', async () => {
    const view = await render(BYLINE, 'BylineApp', async () => status);
    const doc = view.doc();
    expect(invoked).toEqual([{ functionKey: 'getPageStatus', payload: {} }]);
    expect(findAll(doc, 'Lozenge').map((l) => [l.props.appearance, textOf(l)])).toEqual([
      ['success', 'synced'],
      ['removed', 'failed'],
      ['removed', 'blocked by restriction'],
    ]);
    const text = textOf(doc);
    expect(text).toContain('Service desk KB');
    expect(text).toContain('version 19 delivered');
    expect(text).toContain('hooks.example.com answered 500');
    expect(text).toContain('page is blocked by a read restriction on page 77');
    expect(findAll(doc, 'Link').map((l) => l.props.href)).toEqual(['https://acme.haloitsm.com/kb?id=812']);
  });

  it('renders nothing for a viewer the resolver hides the page from', async () => {
    const view = await render(BYLINE, 'BylineApp', async () => ({ visible: false }));
    expect(textOf(view.doc())).toBe('');
    expect(findAll(view.doc(), 'Button')).toEqual([]);
  });

  it('offers Push now only to editors; a push is queued and said so', async () => {
    const reader = await render(BYLINE, 'BylineApp', async () => ({ ...status, canPush: false }));
    expect(findAll(reader.doc(), 'Button').map(textOf)).toEqual(['Preview what targets receive']);

    const editor = await render(BYLINE, 'BylineApp', async (key) =>
      key === 'pushNow' ? { queued: true } : status,
    );
    await editor.act(() => (button(editor.doc(), 'Push now').props.onClick as () => void)());
    expect(invoked.map((i) => i.functionKey)).toEqual(['getPageStatus', 'pushNow']);
    expect(textOf(findAll(editor.doc(), 'SectionMessage')[0]!)).toBe(
      'Queued: the page is pushed in a moment.',
    );
  });

  it("shows the preview's payload per target, or the refusal", async () => {
    const preview = {
      pageId: '544112828',
      title: 'User Agent',
      version: 19,
      targets: [
        {
          targetId: 'hooks',
          targetName: 'Knowledge hooks',
          action: 'upsert',
          reason: 'page reevaluated',
          payload: {
            request: "POST to the target's URL",
            contentType: 'application/json',
            body: '{"type":"page.updated"}',
            notes: ['signed at delivery'],
          },
        },
        { targetId: 'chat', targetName: 'Team chat', action: 'skip', reason: 'page has no label kb' },
      ],
    };
    const view = await render(BYLINE, 'BylineApp', async (key) =>
      key === 'previewThisPage' ? preview : status,
    );
    await view.act(() => (button(view.doc(), 'Preview what targets receive').props.onClick as () => void)());
    const [code, ...more] = findAll(view.doc(), 'CodeBlock');
    expect(more).toEqual([]);
    expect(code!.props).toMatchObject({ text: '{"type":"page.updated"}', language: 'json' });
    const text = textOf(view.doc());
    expect(text).toContain("Request: POST to the target's URL");
    expect(text).toContain('signed at delivery');
    expect(text).toContain('page has no label kb');
    expect(text).toContain('Nothing is sent to this target');

    const refused = await render(BYLINE, 'BylineApp', async (key) =>
      key === 'previewThisPage' ? { error: 'You cannot read this page, or it does not exist.' } : status,
    );
    await refused.act(() =>
      (button(refused.doc(), 'Preview what targets receive').props.onClick as () => void)(),
    );
    expect(textOf(refused.doc())).toContain('You cannot read this page, or it does not exist.');
    expect(findAll(refused.doc(), 'CodeBlock')).toEqual([]);
  });
});
