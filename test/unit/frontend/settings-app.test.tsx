/**
 * The settings app as a whole, rendered through @forge/react's reconciler with a stubbed bridge
 * (ui-kit-harness.ts), in English and Russian: loading, refusals, licence, the tabs of each page,
 * empty states that say what to do first.
 */
import { join } from 'node:path';
import { globalView, spaceView } from './settings-fixtures';
import { UiKitHarness, byText, findAll, textOf } from './ui-kit-harness';

const PAGE = join(__dirname, '..', '..', '..', 'src', 'frontend', 'index');
const ui = new UiKitHarness();
beforeAll(() => ui.install());
afterAll(() => ui.uninstall());

const empty = { scope: { kind: 'global' }, licensed: true, targets: [], offered: [], mappings: [] };
const inLocale = (locale: string) => {
  ui.context = { ...ui.context, locale };
};

describe.each([
  {
    locale: 'en-US',
    licence: ['No active licence', 'Relay pushes nothing until the app has an active licence for this site.'],
    tabs: ['Targets', 'Spaces', 'Activity'],
    emptyTargets: ['No targets yet', 'Add a target first'],
    refusal: ['Not allowed', 'Only Confluence admins can manage Relay.'],
    loading: 'Loading Relay settings',
  },
  {
    locale: 'ru-RU',
    licence: [
      'Нет действующей лицензии',
      'Пока у приложения нет действующей лицензии для этого сайта, Relay ничего не отправляет.',
    ],
    tabs: ['Цели', 'Пространства', 'Активность'],
    emptyTargets: ['Целей пока нет', 'Сначала добавьте цель'],
    refusal: ['Нет доступа', 'Управлять Relay могут только администраторы Confluence.'],
    loading: 'Загрузка настроек Relay',
  },
])('global settings in $locale', ({ locale, licence, tabs, emptyTargets, refusal, loading }) => {
  beforeEach(() => inLocale(locale));

  it('loads through getSettings and warns when unlicensed; empty tabs say what to do first', async () => {
    ui.resolve = async () => ({ ...empty, licensed: false });
    const doc = await ui.render(PAGE);

    expect(ui.invokes()).toEqual([{ functionKey: 'getSettings', payload: {} }]);
    const warning = findAll(doc, 'SectionMessage').find((m) => m.props.appearance === 'warning');
    expect(warning?.props.title).toBe(licence[0]);
    expect(textOf(warning!)).toBe(licence[1]);
    expect(findAll(doc, 'Tab').map(textOf)).toEqual(tabs);
    const [targetsEmpty] = findAll(doc, 'EmptyState');
    expect(targetsEmpty?.props.header).toBe(emptyTargets[0]);
    expect(String(targetsEmpty?.props.description)).toContain(emptyTargets[1]);
    // The first step is one click away: one add button per kind of target.
    expect(findAll(findAll(doc, 'TabPanel')[0]!, 'Button')).toHaveLength(3);
  });

  it('reads the delivery log only once the Activity tab is opened', async () => {
    ui.answer({
      getSettings: () => empty,
      listActivity: () => ({ scope: 'global', targets: [], replays: [], entries: [] }),
      activityChart: () => ({ days: [] }),
    });
    let doc = await ui.render(PAGE);
    expect(ui.invokes().map((i) => i.functionKey)).toEqual(['getSettings']);
    expect(findAll(findAll(doc, 'TabPanel')[2]!, 'DynamicTable')).toEqual([]);
    doc = await ui.fire(findAll(doc, 'Tabs')[0]!, 'onChange', 2);
    expect(ui.invokes().map((i) => i.functionKey)).toEqual(['getSettings', 'listActivity', 'activityChart']);
    // The log's own texts follow the viewer's locale too.
    expect(findAll(findAll(doc, 'TabPanel')[2]!, 'Heading').map(textOf)).toContain(tabs[2]);
  });

  it('shows no licence warning when licensed', async () => {
    ui.resolve = async () => empty;
    const doc = await ui.render(PAGE);
    expect(findAll(doc, 'SectionMessage').filter((m) => m.props.appearance === 'warning')).toEqual([]);
  });

  it("words the resolver's refusal", async () => {
    ui.resolve = async () => ({ status: 'refused', refusal: { code: 'notConfluenceAdmin' } });
    const doc = await ui.render(PAGE);
    const [message, ...others] = findAll(doc, 'SectionMessage');
    expect(others).toEqual([]);
    expect(message?.props).toMatchObject({ appearance: 'error', title: refusal[0] });
    expect(textOf(message!)).toBe(refusal[1]);
    expect(findAll(doc, 'Tabs')).toEqual([]);
  });

  it('shows the spinner until the resolver answers', async () => {
    ui.resolve = () => new Promise<never>(() => {});
    const doc = await ui.render(PAGE);
    expect(findAll(doc, 'Spinner').map((s) => s.props.label)).toEqual([loading]);
  });
});

describe('space settings', () => {
  beforeEach(() => inLocale('en-US'));

  it('has one tab for the space (named by the resolver, not by the page) with its mappings', async () => {
    ui.resolve = async () => spaceView();
    const doc = await ui.render(PAGE);
    expect(findAll(doc, 'Tab').map(textOf)).toEqual(['Space QM', 'Activity']);
    const rows = findAll(doc, 'Row');
    expect(rows).toHaveLength(1);
    expect(textOf(rows[0]!)).toContain('QMKnowledge hooksLabels: kb, -draftVerified only');
    expect(byText(doc, 'Button', 'Add a mapping').props.isDisabled).toBe(false);
  });

  it('in Russian, an empty space says what to do, and that targets come from a Confluence admin', async () => {
    inLocale('ru-RU');
    ui.resolve = async () => spaceView({ offered: [], mappings: [] });
    const doc = await ui.render(PAGE);
    expect(findAll(doc, 'Tab').map(textOf)).toEqual(['Пространство QM', 'Активность']);
    expect(findAll(doc, 'EmptyState')[0]?.props.header).toBe('Это пространство пока никуда не отправляет');
    expect(textOf(doc)).toContain('Цели добавляет администратор Confluence в глобальных настройках Relay.');
    expect(byText(doc, 'Button', 'Добавить привязку').props.isDisabled).toBe(true);
  });

  it('a failed call is said, not lost', async () => {
    ui.resolve = () => Promise.reject(new Error('Resolver timed out after 25 s'));
    const doc = await ui.render(PAGE);
    expect(textOf(findAll(doc, 'SectionMessage')[0]!)).toBe(
      'The settings could not be loaded: Resolver timed out after 25 s',
    );
  });

  it('when the translations cannot be loaded, the page is in English rather than raw keys or a spinner', async () => {
    inLocale('ru-RU');
    ui.localesServed = false;
    ui.resolve = async () => globalView();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const doc = await ui.render(PAGE);
      expect(findAll(doc, 'Tab').map(textOf)).toEqual(['Targets', 'Spaces', 'Activity']);
      expect(findAll(doc, 'Spinner')).toEqual([]);
      expect(ui.calls.some((c) => c.cmd === 'getContext')).toBe(true);
      expect(warn).toHaveBeenCalledWith(
        'Relay: translations could not be loaded; showing English',
        expect.objectContaining({ name: 'TranslationGetterError' }),
      );
    } finally {
      ui.localesServed = true;
      warn.mockRestore();
    }
  });

  it('an unknown locale falls back to English', async () => {
    inLocale('de-DE');
    ui.resolve = async () => globalView();
    const doc = await ui.render(PAGE);
    expect(findAll(doc, 'Tab').map(textOf)).toEqual(['Targets', 'Spaces', 'Activity']);
  });
});
