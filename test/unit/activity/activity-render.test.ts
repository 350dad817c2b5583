import {
  button,
  findAll,
  installBridge,
  invoked,
  removeBridge,
  render,
  textOf,
  type ForgeDoc,
} from './forge-doc';

const ACTIVITY = '../../../src/frontend/activity';

beforeAll(installBridge);
afterAll(removeBridge);

const entry = (over: Record<string, unknown>) => ({
  key: 'msg_a:1',
  at: Date.parse('2026-11-20T10:00:00.000Z'),
  targetId: 'hooks',
  pageId: '544112828',
  spaceKey: 'QM',
  version: 19,
  action: 'upsert',
  event: 'page.updated',
  status: 'delivered',
  attempt: 1,
  replayable: false,
  ...over,
});
const failed = entry({
  key: 'msg_b:2',
  status: 'failed',
  reason: 'hooks.example.com answered 500',
  httpStatus: 500,
  replayable: true,
});
const targets = [
  { id: 'hooks', name: 'Knowledge hooks' },
  { id: 'halo', name: 'Service desk KB' },
];
const replays = [
  { targetId: 'halo', requestedAt: 1, queued: 98, steps: 2, done: false },
  { targetId: 'hooks', requestedAt: 1, queued: 3, steps: 1, done: true },
];
const days = [
  { day: '2026-11-19', outcome: 'delivered', n: 3 },
  { day: '2026-11-19', outcome: 'failed', n: 0 },
  { day: '2026-11-20', outcome: 'delivered', n: 1 },
  { day: '2026-11-20', outcome: 'failed', n: 1 },
];

/** The table's rows as the reconciler sends them (Row > Cell children), one text per cell. */
function rowsOf(doc: ForgeDoc): string[][] {
  return findAll(doc, 'Row').map((row) => row.children.map(textOf));
}

const click = (doc: ForgeDoc) => (doc.props.onClick as () => void)();

function listing(over: Record<string, unknown> = {}) {
  return async (key: string, payload: Record<string, unknown>) => {
    switch (key) {
      case 'listActivity':
        return payload.cursor === 'c2'
          ? {
              scope: 'global',
              targets,
              replays: [],
              entries: [entry({ key: 'msg_old:1', pageId: '700', spaceKey: 'ENG' })],
            }
          : { scope: 'global', targets, replays, entries: [failed, entry({})], nextCursor: 'c2', ...over };
      case 'activityChart':
        return { days };
      case 'replayDelivery':
        return { queued: 1, note: 'Page 544112828 queued again for hooks.' };
      case 'replayFailed':
        return { queued: 1, note: 'The failed deliveries of hooks are being queued again.' };
      case 'previewPage':
        return { error: 'You cannot read this page, or it does not exist.' };
    }
    throw new Error(`unexpected ${key}`);
  };
}

describe('Activity tab (UI Kit, rendered to a ForgeDoc)', () => {
  it('shows the log newest first with reasons, Replay on failures only, and the daily chart', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', listing());
    const doc = view.doc();
    expect(invoked).toEqual([
      { functionKey: 'listActivity', payload: { filter: {} } },
      { functionKey: 'activityChart', payload: {} },
    ]);
    expect(rowsOf(doc)).toEqual([
      [
        '2026-11-20 10:00:00',
        'Knowledge hooks',
        '544112828 v19',
        'QM',
        'page.updated (upsert)',
        'failed',
        '500 hooks.example.com answered 500',
        'Replay',
      ],
      [
        '2026-11-20 10:00:00',
        'Knowledge hooks',
        '544112828 v19',
        'QM',
        'page.updated (upsert)',
        'delivered',
        '',
        '',
      ],
    ]);
    expect(textOf(doc)).toContain('Replaying the failures of Service desk KB: 98 page(s) queued so far.');
    expect(textOf(doc)).toContain('Replay of the failures of Knowledge hooks finished: 3 page(s) queued.');
    const [chart] = findAll(doc, 'StackBarChart');
    expect(chart!.props).toMatchObject({
      data: days,
      xAccessor: 'day',
      yAccessor: 'n',
      colorAccessor: 'outcome',
    });
  });

  it('replays one failure and says so', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', listing());
    await view.act(() => click(button(view.doc(), 'Replay')));
    expect(invoked.at(-1)).toEqual({ functionKey: 'replayDelivery', payload: { key: 'msg_b:2' } });
    const [message] = findAll(view.doc(), 'SectionMessage');
    expect(message!.props.appearance).toBe('success');
    expect(textOf(message!)).toBe('Page 544112828 queued again for hooks.');
  });

  it('filters by target and offers Replay all failed of that target', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', listing());
    const [targetSelect] = findAll(view.doc(), 'Select');
    await view.act(() =>
      (targetSelect!.props.onChange as (o: unknown) => void)({ label: 'Knowledge hooks', value: 'hooks' }),
    );
    expect(invoked).toContainEqual({
      functionKey: 'listActivity',
      payload: { filter: { targetId: 'hooks' } },
    });
    expect(invoked).toContainEqual({ functionKey: 'activityChart', payload: { targetId: 'hooks' } });
    await view.act(() => click(button(view.doc(), 'Replay all failed of Knowledge hooks')));
    expect(invoked.at(-1)).toEqual({ functionKey: 'replayFailed', payload: { targetId: 'hooks' } });
    expect(textOf(findAll(view.doc(), 'SectionMessage')[0]!)).toBe(
      'The failed deliveries of hooks are being queued again.',
    );
  });

  it('pages to older entries by cursor and back', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', listing());
    expect(button(view.doc(), 'Newer').props.isDisabled).toBe(true);
    await view.act(() => click(button(view.doc(), 'Older')));
    expect(invoked).toContainEqual({ functionKey: 'listActivity', payload: { filter: {}, cursor: 'c2' } });
    expect(rowsOf(view.doc()).map((r) => r[2])).toEqual(['700 v19']);
    expect(button(view.doc(), 'Older').props.isDisabled).toBe(true);
    await view.act(() => click(button(view.doc(), 'Newer')));
    expect(rowsOf(view.doc())).toHaveLength(2);
  });

  it('in space settings shows no space filter, and the chart of that space says when it is partial', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', async (key) => {
      if (key === 'activityChart') return { days, partial: true };
      if (key !== 'listActivity') throw new Error(`unexpected ${key}`);
      return { scope: 'space', targets, replays: [], entries: [] };
    });
    expect(invoked.map((i) => i.functionKey)).toEqual(['listActivity', 'activityChart']);
    expect(findAll(view.doc(), 'StackBarChart')).toHaveLength(1);
    expect(findAll(view.doc(), 'Textfield').map((t) => t.props.name)).toEqual(['pageId']);
    expect(textOf(view.doc())).toContain(
      'The chart counts the most recent 1,000 log entries of this space only.',
    );
  });

  it("shows the resolver's refusal", async () => {
    const view = await render(ACTIVITY, 'ActivityTab', async () => ({
      error: 'Only Confluence admins can see Relay activity.',
    }));
    const [message, ...others] = findAll(view.doc(), 'SectionMessage');
    expect(others).toEqual([]);
    expect(message!.props.appearance).toBe('error');
    expect(textOf(message!)).toBe('Only Confluence admins can see Relay activity.');
    expect(findAll(view.doc(), 'DynamicTable')).toEqual([]);
  });

  it('previews the page id typed, and shows a refusal', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', listing());
    expect(button(view.doc(), 'Preview').props.isDisabled).toBe(true);
    const pageField = findAll(view.doc(), 'Textfield').find((t) => t.props.name === 'pageId')!;
    await view.act(() =>
      (pageField.props.onChange as (e: unknown) => void)({ target: { value: '544112828' } }),
    );
    await view.act(() => click(button(view.doc(), 'Preview')));
    expect(invoked.at(-1)).toEqual({ functionKey: 'previewPage', payload: { pageId: '544112828' } });
    expect(textOf(view.doc())).toContain('You cannot read this page, or it does not exist.');
  });
});
