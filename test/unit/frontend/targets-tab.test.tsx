/**
 * The Targets tab of global settings, through the reconciler with a stubbed bridge: the table,
 * adding and editing targets (the exact saveTarget payloads), errors at their fields, a lost
 * compare-and-set, Test connection, removal, and the egress hint both ways.
 */
import { join } from 'node:path';
import { globalView, hooksView, partnerView } from './settings-fixtures';
import { UiKitHarness, byText, field, findAll, textOf, type ForgeDoc } from './ui-kit-harness';

const PAGE = join(__dirname, '..', '..', '..', 'src', 'frontend', 'index');
const ui = new UiKitHarness();
beforeAll(() => ui.install());
afterAll(() => ui.uninstall());
beforeEach(() => {
  ui.context = { ...ui.context, locale: 'en-US' };
  ui.egress = undefined;
});

const lastInvoke = () => ui.invokes().pop();
/** The Targets tab (both panels are in the tree; the product shows the selected one). */
const targetsPanel = (doc: ForgeDoc) => findAll(doc, 'TabPanel')[0]!;
const rowButton = (doc: ForgeDoc, row: number, text: string) =>
  findAll(findAll(targetsPanel(doc), 'Row')[row]!, 'Button').find((b) => textOf(b) === text)!;

describe('the targets table', () => {
  it('lists each target with its state, secret and actions; an unreachable host gets the deployment command', async () => {
    ui.answer({ getSettings: () => globalView() });
    const doc = await ui.render(PAGE);
    const rows = findAll(targetsPanel(doc), 'Row');
    expect(rows.map((r) => findAll(r, 'Lozenge').map(textOf))).toEqual([
      ['On', 'Secret set'],
      ['Off', 'No secret'],
    ]);
    expect(textOf(rows[1]!)).toContain('receiver.partner.example.org answered 410 Gone');
    const hint = findAll(doc, 'SectionMessage').find(
      (m) => m.props.title === 'Relay may not reach receiver.partner.example.org',
    );
    expect(textOf(hint!)).toContain("is not among the app's allowed domains");
    expect(findAll(hint!, 'Code').map(textOf)).toEqual([
      'npm run egress -- add https://receiver.partner.example.org',
    ]);
    expect(findAll(hint!, 'Button')).toEqual([]);
  });

  it('where the site offers customer-managed egress, asks an admin to approve the host', async () => {
    ui.egress = { approve: true };
    ui.answer({ getSettings: () => globalView() });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Allow receiver.partner.example.org'), 'onClick');
    const set = ui.calls.find((c) => c.cmd === '__permission__egressSet');
    expect(set?.data).toEqual({
      egresses: [
        {
          key: 'relay-target-partner',
          description:
            'Relay for Confluence delivers pages of target partner to receiver.partner.example.org',
          configured: [{ domain: 'https://receiver.partner.example.org', type: ['FETCH_BACKEND_SIDE'] }],
        },
      ],
    });
    expect(textOf(doc)).toContain('receiver.partner.example.org is approved. Test the connection again.');
  });

  it('an approval refused by the admin says so, in Russian too', async () => {
    ui.context = { ...ui.context, locale: 'ru-RU' };
    ui.egress = { approve: false };
    ui.answer({ getSettings: () => globalView() });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Разрешить receiver.partner.example.org'), 'onClick');
    expect(textOf(doc)).toContain('receiver.partner.example.org не разрешён: The admin declined the request');
  });

  it('Test connection shows the adapter’s answer, success or the reason', async () => {
    let reply: unknown = { ok: true, detail: 'hooks.example.com answered 204' };
    ui.answer({ getSettings: () => globalView(), testConnection: () => reply });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Test connection'), 'onClick');
    expect(lastInvoke()).toEqual({ functionKey: 'testConnection', payload: { id: 'hooks' } });
    const ok = findAll(doc, 'SectionMessage').find((m) => m.props.appearance === 'success');
    expect(ok?.props.title).toBe('Connection to Knowledge hooks works');
    expect(textOf(ok!)).toBe('hooks.example.com answered 204');

    reply = {
      ok: false,
      field: 'secret',
      reason:
        'hooks.example.com refused the request (401): the receiver must verify with the signing secret set here',
    };
    doc = await ui.fire(rowButton(doc, 0, 'Test connection'), 'onClick');
    const failed = findAll(doc, 'SectionMessage').find(
      (m) => m.props.title === 'Connection to Knowledge hooks failed',
    );
    expect(textOf(failed!)).toContain('refused the request (401)');
  });

  it('Remove of a mapped target shows the refusal naming the spaces, and reloads', async () => {
    ui.answer({
      getSettings: () => globalView(),
      deleteTarget: () => ({ status: 'refused', refusal: { code: 'targetInUse', spaces: ['QM', 'ENG'] } }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Remove'), 'onClick');
    // Asked once more: removing forgets the secret. Cancel first, then confirm.
    expect(findAll(doc, 'ModalTitle').map(textOf)).toEqual(['Remove Knowledge hooks?']);
    doc = await ui.fire(byText(findAll(doc, 'ModalFooter')[0]!, 'Button', 'Cancel'), 'onClick');
    expect(findAll(doc, 'Modal')).toEqual([]);
    expect(ui.invokes().map((i) => i.functionKey)).toEqual(['getSettings']);
    doc = await ui.fire(rowButton(doc, 0, 'Remove'), 'onClick');
    doc = await ui.fire(byText(doc, 'Button', 'Remove the target'), 'onClick');
    expect(findAll(doc, 'Modal')).toEqual([]);
    expect(ui.invokes().map((i) => i.functionKey)).toEqual(['getSettings', 'deleteTarget', 'getSettings']);
    expect(ui.invokes()[1]!.payload).toEqual({ id: 'hooks', rev: 3 });
    expect(textOf(doc)).toContain(
      'This target is still mapped to QM, ENG. Remove it from those spaces first.',
    );
  });
});

describe('the target form', () => {
  it('adds a webhook: the payload carries the typed values and the secret, then the table reloads', async () => {
    let saved = false;
    ui.answer({
      getSettings: () =>
        saved ? globalView({ targets: [hooksView, partnerView] }) : globalView({ targets: [] }),
      saveTarget: (payload) => {
        saved = true;
        return {
          status: 'saved',
          value: { ...hooksView, target: { ...hooksView.target, ...(payload as { target: object }).target } },
        };
      },
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Add target: Signed webhook'), 'onClick');
    expect(findAll(doc, 'FormHeader')[0]?.props.title).toBe('New target: Signed webhook');
    expect(textOf(doc)).toContain('Not set');
    doc = await ui.type(doc, 'id', 'crm');
    doc = await ui.type(doc, 'name', 'CRM sync');
    doc = await ui.type(doc, 'url', 'https://hooks.example.com/crm');
    doc = await ui.type(doc, 'secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    doc = await ui.fire(field(doc, 'formats'), 'onChange', [
      { value: 'storage', label: 'storage' },
      { value: 'markdown', label: 'markdown' },
    ]);
    doc = await ui.fire(field(doc, 'sendComments'), 'onChange', {
      target: { type: 'checkbox', checked: false },
    });
    doc = await ui.submit(doc);

    const save = ui.invokes().find((i) => i.functionKey === 'saveTarget');
    expect(save?.payload).toEqual({
      target: {
        kind: 'webhook',
        id: 'crm',
        name: 'CRM sync',
        enabled: true,
        whenIneligible: 'remove',
        url: 'https://hooks.example.com/crm',
        formats: ['storage', 'markdown'],
        sendRemovals: true,
        sendComments: false,
        timeoutSeconds: 15,
      },
      rev: 0,
      secret: { value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', keepPrevious: false },
    });
    expect(findAll(doc, 'Form')).toEqual([]);
    expect(textOf(doc)).toContain('Target CRM sync saved.');
    expect(ui.invokes().map((i) => i.functionKey)).toEqual(['getSettings', 'saveTarget', 'getSettings']);
  });

  it('shows each resolver issue at its field, translated; the secret is never pre-filled', async () => {
    ui.context = { ...ui.context, locale: 'ru-RU' };
    ui.answer({
      getSettings: () => globalView(),
      saveTarget: () => ({
        status: 'invalid',
        issues: [
          { field: 'url', message: 'must be an https:// URL without credentials' },
          { field: 'secret', message: 'must be a signing secret: whsec_ followed by 24–64 base64 bytes' },
          {
            field: 'selector',
            message: 'at position 14: expected "," or "}", found the end',
            code: 'custom',
          },
          { field: 'userMap.x', message: 'not a field of this form' },
          {
            field: 'timeoutSeconds',
            message: 'Invalid input: expected number, received string',
            code: 'invalid_type',
          },
        ],
      }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Изменить'), 'onClick');
    expect(field(doc, 'secret').props.defaultValue).toBe('');
    expect(field(doc, 'url').props.defaultValue).toBe('https://hooks.example.com/relay');
    doc = await ui.submit(doc);
    const errors = findAll(doc, 'ErrorMessage').map(textOf);
    expect(errors).toEqual([
      'в позиции 14: ожидалось "," или "}", а найдено конец строки',
      'нужен адрес https:// без логина и пароля',
      'нужно заполнить это поле значением подходящего вида',
      'нужен ключ подписи: whsec_ и 24–64 байта в base64',
    ]);
    expect(field(doc, 'url').props.isInvalid).toBe(true);
    const summary = findAll(doc, 'SectionMessage').find((m) => m.props.appearance === 'error');
    expect(summary?.props.title).toBe('Проверьте отмеченные поля. Ничего не сохранено.');
    expect(textOf(summary!)).toBe('userMap.x: not a field of this form');
  });

  it('a lost compare-and-set shows the newer values and says why; saving again sends the newer rev', async () => {
    const newer = { ...hooksView, target: { ...hooksView.target, name: 'Docs hooks', rev: 4 } };
    let conflict = true;
    ui.answer({
      getSettings: () => globalView(),
      saveTarget: () =>
        conflict ? { status: 'conflict', current: newer } : { status: 'saved', value: newer },
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Edit'), 'onClick');
    doc = await ui.type(doc, 'url', 'https://hooks.example.com/v2');
    doc = await ui.submit(doc);
    const warning = findAll(doc, 'SectionMessage').find((m) => m.props.appearance === 'warning');
    expect(warning?.props.title).toBe('Someone else changed this meanwhile');
    expect(field(doc, 'name').props.defaultValue).toBe('Docs hooks');
    expect(findAll(doc, 'FormHeader')[0]?.props.title).toBe('Edit Docs hooks');
    conflict = false;
    doc = await ui.submit(doc);
    expect(
      ui
        .invokes()
        .filter((i) => i.functionKey === 'saveTarget')
        .map((i) => (i.payload as { rev: number }).rev),
    ).toEqual([3, 4]);
  });

  it('a save whose call fails keeps the form and says why', async () => {
    ui.answer({
      getSettings: () => globalView(),
      saveTarget: () => {
        throw new Error('Network error');
      },
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Edit'), 'onClick');
    doc = await ui.type(doc, 'name', 'Renamed');
    doc = await ui.submit(doc);
    expect(findAll(doc, 'Form')).toHaveLength(1);
    expect(textOf(doc)).toContain('Relay could not complete the request: Network error');
  });

  it('a Halo form sends the team visibility as numbers and keeps fields it does not show', async () => {
    const kb = {
      target: {
        kind: 'halo',
        id: 'kb',
        name: 'Service desk KB',
        baseUrl: 'https://acme.halopsa.com',
        clientId: 'relay-app',
        scope: 'all',
        faqLists: { ENG: 12 },
        defaultFaqList: 'auto',
        onMissingFaqList: 'recreate',
        handEdits: 'overwrite',
        onRemove: 'delete',
        visibility: 'everyone',
        enabled: true,
        whenIneligible: 'remove',
        rev: 4,
        updatedAt: 1,
      },
      secretSet: true,
      egress: [{ field: 'baseUrl', host: 'acme.halopsa.com', allowed: true }],
    };
    ui.answer({
      getSettings: () => globalView({ targets: [kb] }),
      saveTarget: () => ({ status: 'saved', value: kb }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(rowButton(doc, 0, 'Edit'), 'onClick');
    expect(textOf(doc)).toContain('Client secret — Replace the secret');
    doc = await ui.fire(field(doc, 'visibility'), 'onChange', { value: 'teams', label: 'Chosen teams' });
    doc = await ui.type(doc, 'teams', '3, 5');
    doc = await ui.type(doc, 'defaultFaqList', '17');
    doc = await ui.submit(doc);
    expect(ui.invokes().find((i) => i.functionKey === 'saveTarget')?.payload).toMatchObject({
      target: { kind: 'halo', visibility: { teams: [3, 5] }, defaultFaqList: 17, faqLists: { ENG: 12 } },
      rev: 4,
    });
    expect(ui.invokes().find((i) => i.functionKey === 'saveTarget')?.payload).not.toHaveProperty('secret');
  });

  it('a Bitrix24 form takes the portal and the inbound webhook URL as its secret', async () => {
    ui.answer({
      getSettings: () => globalView({ targets: [] }),
      saveTarget: () => ({ status: 'invalid', issues: [] }),
    });
    let doc = await ui.render(PAGE);
    doc = await ui.fire(byText(doc, 'Button', 'Add target: Bitrix24'), 'onClick');
    expect(textOf(doc)).toContain('Inbound webhook URL');
    doc = await ui.type(doc, 'id', 'b24');
    doc = await ui.type(doc, 'name', 'Bitrix24');
    doc = await ui.type(doc, 'portalUrl', 'https://acme.bitrix24.com');
    doc = await ui.type(doc, 'secret', 'https://acme.bitrix24.com/rest/1/q7kz3xw9/');
    doc = await ui.type(doc, 'userMap', '712020:f3e573c0 = 17\n5b10a2844c20165700ede21g = x');
    doc = await ui.type(doc, 'updateTemplate', 'Changed: {title} by {author}');
    doc = await ui.submit(doc);
    expect(ui.invokes().find((i) => i.functionKey === 'saveTarget')?.payload).toEqual({
      target: {
        kind: 'bitrix24',
        id: 'b24',
        name: 'Bitrix24',
        enabled: true,
        whenIneligible: 'remove',
        portalUrl: 'https://acme.bitrix24.com',
        userField: 'UF_CONFLUENCE_URL',
        language: 'en',
        commentRecipient: 'author',
        notifyWatchers: false,
        updateTemplate: 'Changed: {title} by {author}',
        // A wrong user id is sent as typed: the resolver names the field.
        userMap: { '712020:f3e573c0': 17, '5b10a2844c20165700ede21g': 'x' },
        serverSideFilter: 'auto',
      },
      rev: 0,
      secret: { value: 'https://acme.bitrix24.com/rest/1/q7kz3xw9/', keepPrevious: false },
    });
  });
});
