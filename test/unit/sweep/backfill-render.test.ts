import {
  button,
  findAll,
  installBridge,
  invoked,
  removeBridge,
  render,
  textOf,
  type ForgeDoc,
} from '../activity/forge-doc';

const ACTIVITY = '../../../src/frontend/activity';

beforeAll(installBridge);
afterAll(removeBridge);

const click = (doc: ForgeDoc) => (doc.props.onClick as () => void)();
const running = { spaceKey: 'DOCS', seen: 412, queued: 400, skipped: 12, total: 1300, done: false, steps: 5 };
const finished = { spaceKey: 'ENG', seen: 40, queued: 38, skipped: 2, total: 40, done: true, steps: 1 };

function site(scope: 'global' | 'space') {
  let docs: Record<string, unknown> = running;
  return async (key: string, payload: Record<string, unknown>) => {
    switch (key) {
      case 'listActivity':
        return { scope, targets: [{ id: 'hooks', name: 'Hooks' }], replays: [], entries: [] };
      case 'activityChart':
        return { days: [] };
      case 'backfillStatus':
        return scope === 'space'
          ? { spaces: [{ spaceKey: 'DOCS', progress: docs }], reconcile: { queued: 0 } }
          : {
              spaces: [
                { spaceKey: 'DOCS', progress: docs },
                { spaceKey: 'ENG', progress: finished },
                { spaceKey: 'OPS' },
              ],
              reconcile: { lastRunAt: Date.parse('2026-11-20T10:00:00Z'), queued: 2 },
            };
      case 'startBackfill':
        // The resolver's answer to a date in the future (backfill-operations.ts).
        if (payload.since === '2099-01-01')
          return {
            error: 'Invalid request.',
            fields: [{ field: 'since', message: 'the date is in the future' }],
          };
        if (payload.spaceKey === 'DOCS' && !docs.done) return { status: 'running', progress: docs };
        if (payload.dryRun) return { status: 'preview', spaceKey: payload.spaceKey, total: 1300 };
        return {
          status: 'started',
          progress: { spaceKey: payload.spaceKey, seen: 0, queued: 0, done: false },
        };
      case 'cancelBackfill':
        docs = { ...running, done: true, cancelled: true };
        return { status: 'cancelled', progress: docs };
    }
    throw new Error(`unexpected ${key}`);
  };
}

describe('Backfill in the Activity tab', () => {
  it('opens on demand and shows each space: "412 of ~1,300 pages", finished, never run', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('global'));
    expect(invoked.map((i) => i.functionKey)).toEqual(['listActivity', 'activityChart']);
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    const text = textOf(view.doc());
    expect(text).toContain('DOCS: 412 of ~1,300 pages checked, 400 queued.');
    expect(text).toContain('ENG: backfill finished, 38 pages queued, 2 already delivered.');
    expect(text).toContain('OPS: no backfill yet.');
    expect(text).toContain(
      'Missed events are looked for every hour: last check 2026-11-20 10:00 UTC, 2 page(s) found and queued.',
    );
    expect(findAll(view.doc(), 'Button').map(textOf)).toContain('Cancel backfill of DOCS');
    expect(findAll(view.doc(), 'Button').map(textOf)).not.toContain('Cancel backfill of ENG');
  });

  it('starts a backfill of the chosen space from the date picked once confirmed, and says when one already runs', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('global'));
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    expect(button(view.doc(), 'Start backfill').props.isDisabled).toBe(true);
    const select = findAll(view.doc(), 'Select').find((s) => s.props.name === 'backfillSpace')!;
    await view.act(() => (select.props.onChange as (o: unknown) => void)({ label: 'OPS', value: 'OPS' }));
    const date = findAll(view.doc(), 'DatePicker')[0]!;
    await view.act(() => (date.props.onChange as (d: string) => void)('2026-11-01'));
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    // First the dry run: nothing starts before the admin confirms what would be checked.
    expect(invoked.at(-1)).toEqual({
      functionKey: 'startBackfill',
      payload: { spaceKey: 'OPS', since: '2026-11-01', dryRun: true },
    });
    const [confirm] = findAll(view.doc(), 'SectionMessage');
    expect(textOf(confirm!)).toContain('About 1,300 pages of OPS will be checked');
    await view.act(() => click(button(view.doc(), 'Confirm backfill')));
    expect(invoked).toContainEqual({
      functionKey: 'startBackfill',
      payload: { spaceKey: 'OPS', since: '2026-11-01' },
    });
    expect(textOf(findAll(view.doc(), 'SectionMessage')[0]!)).toBe('Backfill of OPS started.');
    const again = findAll(view.doc(), 'Select').find((s) => s.props.name === 'backfillSpace')!;
    await view.act(() => (again.props.onChange as (o: unknown) => void)({ label: 'DOCS', value: 'DOCS' }));
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    const [message] = findAll(view.doc(), 'SectionMessage');
    expect(message!.props.appearance).toBe('warning');
    expect(textOf(message!)).toBe('A backfill of DOCS is already running.');
    expect(findAll(view.doc(), 'Button').map(textOf)).not.toContain('Confirm backfill');
  });

  it('drops a dry run the admin does not confirm', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('global'));
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    const select = findAll(view.doc(), 'Select').find((s) => s.props.name === 'backfillSpace')!;
    await view.act(() => (select.props.onChange as (o: unknown) => void)({ label: 'ENG', value: 'ENG' }));
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    await view.act(() => click(button(view.doc(), 'Not now')));
    expect(findAll(view.doc(), 'SectionMessage')).toEqual([]);
    expect(invoked.filter((i) => i.functionKey === 'startBackfill')).toEqual([
      { functionKey: 'startBackfill', payload: { spaceKey: 'ENG', dryRun: true } },
    ]);
  });

  it('in space settings backfills that space without a space choice, and cancels it', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('space'));
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    expect(findAll(view.doc(), 'Select').map((s) => s.props.name)).not.toContain('backfillSpace');
    expect(textOf(view.doc())).toContain(
      'Missed events are looked for every hour; the first check has not run yet.',
    );
    await view.act(() => click(button(view.doc(), 'Cancel backfill of DOCS')));
    expect(invoked).toContainEqual({ functionKey: 'cancelBackfill', payload: { spaceKey: 'DOCS' } });
    expect(textOf(view.doc())).toContain('Backfill of DOCS cancelled.');
    expect(textOf(view.doc())).toContain('DOCS: backfill cancelled after 400 pages queued.');
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    await view.act(() => click(button(view.doc(), 'Confirm backfill')));
    expect(invoked.filter((i) => i.functionKey === 'startBackfill')).toEqual([
      { functionKey: 'startBackfill', payload: { spaceKey: 'DOCS', dryRun: true } },
      { functionKey: 'startBackfill', payload: { spaceKey: 'DOCS' } },
    ]);
    expect(textOf(view.doc())).toContain('Backfill of DOCS started.');
  });

  it('names the field the resolver refused: a date in the future', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('global'));
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    const select = findAll(view.doc(), 'Select').find((s) => s.props.name === 'backfillSpace')!;
    await view.act(() => (select.props.onChange as (o: unknown) => void)({ label: 'OPS', value: 'OPS' }));
    const date = findAll(view.doc(), 'DatePicker')[0]!;
    await view.act(() => (date.props.onChange as (d: string) => void)('2099-01-01'));
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    const [message] = findAll(view.doc(), 'SectionMessage');
    expect(message!.props.appearance).toBe('error');
    expect(textOf(message!)).toBe(
      'Invalid request. Only pages modified since (optional): the date is in the future',
    );
  });

  it('confirms the backfill that was previewed, from the date previewed, whatever the field holds since', async () => {
    const view = await render(ACTIVITY, 'ActivityTab', site('global'));
    await view.act(() => click(button(view.doc(), 'Backfill…')));
    const select = findAll(view.doc(), 'Select').find((s) => s.props.name === 'backfillSpace')!;
    await view.act(() => (select.props.onChange as (o: unknown) => void)({ label: 'OPS', value: 'OPS' }));
    const pick = (day: string) =>
      view.act(() => (findAll(view.doc(), 'DatePicker')[0]!.props.onChange as (d: string) => void)(day));
    await pick('2026-11-01');
    await view.act(() => click(button(view.doc(), 'Start backfill')));
    await pick('2026-06-01');
    await view.act(() => click(button(view.doc(), 'Confirm backfill')));
    expect(invoked.filter((i) => i.functionKey === 'startBackfill').map((i) => i.payload)).toEqual([
      { spaceKey: 'OPS', since: '2026-11-01', dryRun: true },
      { spaceKey: 'OPS', since: '2026-11-01' },
    ]);
  });
});
