/**
 * The space mappings: the Spaces tab of global settings and the space settings page, through the
 * reconciler with a stubbed bridge. Asserts the saveMapping/deleteMapping payloads (the whole
 * mapping with its rev; per-kind options only for their kind), errors at their fields, conflicts.
 */
import { join } from 'node:path';
import { globalView, kbOffered, qmMapping, spaceView } from './settings-fixtures';
import { UiKitHarness, byText, field, findAll, textOf, type ForgeDoc } from './ui-kit-harness';

const PAGE = join(__dirname, '..', '..', '..', 'src', 'frontend', 'index');
const ui = new UiKitHarness();
beforeAll(() => ui.install());
afterAll(() => ui.uninstall());
beforeEach(() => {
  ui.context = { ...ui.context, locale: 'en-US' };
});

const saves = () =>
  ui
    .invokes()
    .filter((i) => i.functionKey === 'saveMapping')
    .map((i) => i.payload);
/** The panel of mappings: the second tab in global settings, the only one in space settings. */
/** Global settings: Targets, Spaces, Activity. */
const mappingsPanel = (doc: ForgeDoc) => findAll(doc, 'TabPanel')[1]!;
const targetSelect = (doc: ForgeDoc) => findAll(doc, 'Select').find((s) => s.props.name === 'targetId')!;

describe('Spaces tab of global settings', () => {
  it('edits an entry: the form starts from it, the payload is the whole mapping with its rev, errors land at the field', async () => {
    ui.answer({
      getSettings: () => globalView(),
      saveMapping: () => ({
        status: 'invalid',
        issues: [{ field: 'targets.0.labels.include.1', message: 'a label has no spaces, commas or braces' }],
      }),
    });
    let doc = await ui.render(PAGE);
    const row = findAll(mappingsPanel(doc), 'Row')[0]!;
    doc = await ui.fire(byText(row, 'Button', 'Edit'), 'onClick');
    expect(findAll(doc, 'FormHeader')[0]?.props.title).toBe('QM → Knowledge hooks');
    expect(field(doc, 'labelsInclude').props.defaultValue).toBe('kb');
    expect(field(doc, 'verifiedOnly').props.defaultChecked).toBe(true);
    expect(targetSelect(doc).props.isDisabled).toBe(true);
    // Policy of the target, where it is set.
    expect(textOf(doc)).toContain(
      'Pages that stop matching are removed from this target (set on the target).',
    );
    expect(findAll(doc, 'Textfield').map((f) => f.props.name)).not.toContain('faqList');

    doc = await ui.type(doc, 'labelsInclude', 'kb, two words');
    doc = await ui.check(doc, 'pushRestricted', true);
    doc = await ui.type(doc, 'subtreeRootId', '544112828');
    doc = await ui.submit(doc);
    expect(saves()).toEqual([
      {
        mapping: {
          spaceKey: 'QM',
          targets: [
            {
              targetId: 'hooks',
              labels: {
                include: ['kb', 'two', 'words'].slice(0, 1).concat(['two words']),
                exclude: ['draft'],
                match: 'any',
              },
              verifiedOnly: true,
              verifiedStates: ['Verified'],
              subtreeRootId: '544112828',
              pushRestricted: true,
            },
          ],
        },
        rev: 2,
        faqLists: {},
      },
    ]);
    expect(findAll(doc, 'ErrorMessage').map(textOf)).toEqual(['a label has no spaces, commas or braces']);
    expect(field(doc, 'labelsInclude').props.isInvalid).toBe(true);
  });

  it('maps a new space to a target', async () => {
    let saved = false;
    ui.answer({
      getSettings: () =>
        saved
          ? globalView({ mappings: [qmMapping, { ...qmMapping, spaceKey: 'OPS', rev: 1 }] })
          : globalView(),
      saveMapping: (payload) => {
        saved = true;
        return { status: 'saved', value: { ...(payload as { mapping: object }).mapping, rev: 1 } };
      },
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(mappingsPanel(doc), 'Button', 'Map a space'), 'onClick');
    doc = await ui.type(doc, 'spaceKey', 'OPS');
    doc = await ui.submit(doc);
    expect(saves()).toEqual([
      {
        mapping: {
          spaceKey: 'OPS',
          targets: [
            { targetId: 'hooks', verifiedOnly: false, verifiedStates: ['Verified'], pushRestricted: false },
          ],
        },
        rev: 0,
        faqLists: {},
      },
    ]);
    expect(textOf(doc)).toContain('Mapping of OPS saved.');
    expect(findAll(mappingsPanel(doc), 'Row')).toHaveLength(2);
  });
});

describe('space settings', () => {
  it('adds a Halo entry to the space: FAQ list and visibility, space key from the page scope', async () => {
    ui.answer({
      getSettings: () => spaceView(),
      saveMapping: (p) => ({ status: 'saved', value: (p as { mapping: object }).mapping }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Add a mapping'), 'onClick');
    expect(findAll(doc, 'Textfield').map((f) => f.props.name)).not.toContain('spaceKey');
    expect(textOf(doc)).toContain('Space key: QM');
    doc = await ui.fire(targetSelect(doc), 'onChange', {
      value: 'kb',
      label: 'Service desk KB (Halo knowledge base)',
    });
    expect(field(doc, 'faqList').props.defaultValue).toBe('31');
    // The target's delete policy, shown to the space admin where it applies.
    expect(textOf(doc)).toContain('Pages that stop matching are kept on this target (set on the target).');
    doc = await ui.fire(field(doc, 'haloVisibility'), 'onChange', { value: 'agents', label: 'Agents only' });
    doc = await ui.submit(doc);
    expect(saves()).toEqual([
      {
        mapping: {
          spaceKey: 'QM',
          targets: [
            qmMapping.targets[0],
            {
              targetId: 'kb',
              verifiedOnly: false,
              verifiedStates: ['Verified'],
              pushRestricted: false,
              haloVisibility: 'agents',
            },
          ],
        },
        rev: 2,
        faqLists: { kb: 31 },
      },
    ]);
    expect(textOf(doc)).toContain('Mapping of QM saved.');
  });

  it('Bitrix24 entries carry the chat and the user field', async () => {
    const b24 = { id: 'b24', name: 'Portal', kind: 'bitrix24', enabled: true };
    ui.answer({
      getSettings: () => spaceView({ offered: [b24], mappings: [] }),
      saveMapping: () => ({ status: 'invalid', issues: [] }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Add a mapping'), 'onClick');
    doc = await ui.type(doc, 'bitrixDialogId', 'chat42');
    doc = await ui.check(doc, 'bitrixNotifyUpdates', true);
    doc = await ui.type(doc, 'bitrixUserField', 'UF_KB_LINK');
    await ui.submit(doc);
    expect(saves()[0]).toMatchObject({
      mapping: {
        spaceKey: 'QM',
        targets: [
          {
            targetId: 'b24',
            bitrixDialogId: 'chat42',
            bitrixNotifyUpdates: true,
            bitrixUserField: 'UF_KB_LINK',
          },
        ],
      },
      rev: 0,
    });
  });

  it('a lost compare-and-set shows the newer mapping; the next save builds on it', async () => {
    const newer = {
      ...qmMapping,
      rev: 3,
      targets: [{ ...qmMapping.targets[0]!, labels: { include: ['howto'], exclude: [], match: 'all' } }],
    };
    let conflict = true;
    ui.answer({
      getSettings: () => spaceView(),
      saveMapping: () =>
        conflict ? { status: 'conflict', current: newer } : { status: 'saved', value: newer },
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Edit'), 'onClick');
    doc = await ui.type(doc, 'labelsInclude', 'faq');
    doc = await ui.submit(doc);
    expect(findAll(doc, 'SectionMessage').find((m) => m.props.appearance === 'warning')?.props.title).toBe(
      'Someone else changed this meanwhile',
    );
    expect(field(doc, 'labelsInclude').props.defaultValue).toBe('howto');
    conflict = false;
    doc = await ui.submit(doc);
    expect(saves().map((p) => (p as { rev: number }).rev)).toEqual([2, 3]);
  });

  it('removing the last entry removes the mapping; a refusal is worded in Russian', async () => {
    ui.context = { ...ui.context, locale: 'ru-RU' };
    ui.answer({
      getSettings: () => spaceView(),
      deleteMapping: () => ({ status: 'refused', refusal: { code: 'otherSpace', spaceKey: 'QM' } }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Удалить'), 'onClick');
    expect(ui.invokes().find((i) => i.functionKey === 'deleteMapping')?.payload).toEqual({
      spaceKey: 'QM',
      rev: 2,
    });
    expect(textOf(doc)).toContain('Это настройки пространства QM');
  });

  it('removing one of several entries saves the rest', async () => {
    const two = {
      ...qmMapping,
      targets: [
        ...qmMapping.targets,
        {
          targetId: 'kb',
          pushRestricted: false,
          verifiedOnly: false,
          verifiedStates: ['Verified'],
          bitrixNotifyUpdates: false,
        },
      ],
    };
    ui.answer({
      getSettings: () => spaceView({ mappings: [two] }),
      saveMapping: () => ({ status: 'saved', value: qmMapping }),
    });
    let doc = await ui.render(PAGE);
    const kbRow = findAll(doc, 'Row')[1]!;
    expect(textOf(kbRow)).toContain(kbOffered.name);
    doc = await ui.fire(byText(kbRow, 'Button', 'Remove'), 'onClick');
    expect(saves()).toEqual([{ mapping: { spaceKey: 'QM', targets: [qmMapping.targets[0]] }, rev: 2 }]);
    expect(textOf(doc)).toContain('Service desk KB no longer receives pages of QM.');
  });
});
