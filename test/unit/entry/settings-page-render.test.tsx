/**
 * Renders the UI Kit settings page (src/frontend/index.tsx) without a browser, as
 * reference/forge.md §11 describes: @forge/react 12.3.1 components are host strings rendered by its
 * own react-reconciler, whose host config sends the tree as a ForgeDoc through
 * `self.__bridge.callBridge('reconcile', {forgeDoc})`; @forge/bridge 7.2.0 captures
 * `globalThis.__bridge.callBridge` when it is first loaded and sends `invoke` through it. One
 * recording stub is installed as both before the page module is loaded; the page renders itself on
 * import (`ForgeReconciler.render(...)`), so each test loads it afresh in an isolated registry.
 */
interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
}

interface BridgeCall {
  cmd: string;
  data: { functionKey?: string; payload?: unknown; forgeDoc?: ForgeDoc };
}

const calls: BridgeCall[] = [];
let answer: (functionKey: string) => Promise<unknown> = () => Promise.reject(new Error('no answer set'));

const bridge = {
  callBridge: (cmd: string, data: BridgeCall['data']): Promise<unknown> => {
    calls.push({ cmd, data });
    return cmd === 'invoke' ? answer(String(data.functionKey)) : Promise.resolve();
  },
};
// `self` is typed as Window by lib.dom; in Node it does not exist until we set it.
const host = globalThis as unknown as {
  __bridge?: typeof bridge;
  self?: { __bridge: typeof bridge };
  IS_REACT_ACT_ENVIRONMENT?: boolean;
};

beforeAll(() => {
  host.__bridge = bridge;
  host.self = { __bridge: bridge };
  host.IS_REACT_ACT_ENVIRONMENT = true;
});
afterAll(() => {
  delete host.__bridge;
  delete host.self;
  delete host.IS_REACT_ACT_ENVIRONMENT;
});

/** Loads the page module (which renders it), lets `invoke` settle, returns the last ForgeDoc. */
async function renderSettingsPage(reply: (functionKey: string) => Promise<unknown>): Promise<ForgeDoc> {
  calls.length = 0;
  answer = reply;
  await jest.isolateModulesAsync(async () => {
    const React = await import('react');
    await React.act(async () => {
      await import('../../../src/frontend/index');
    });
    // The resolver's answer arrives after the first commit; let React apply it inside act.
    await React.act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  });
  const last = calls.filter((c) => c.cmd === 'reconcile').pop();
  if (!last?.data.forgeDoc) throw new Error(`nothing was rendered; bridge calls: ${JSON.stringify(calls)}`);
  return last.data.forgeDoc;
}

function findAll(doc: ForgeDoc, type: string): ForgeDoc[] {
  const own = doc.type === type ? [doc] : [];
  return [...own, ...doc.children.flatMap((c) => findAll(c, type))];
}

function textOf(doc: ForgeDoc): string {
  if (doc.type === 'String') return String(doc.props.text);
  return doc.children.map(textOf).join('');
}

const invokedKeys = () => calls.filter((c) => c.cmd === 'invoke').map((c) => c.data.functionKey);

describe('settings page (UI Kit, rendered to a ForgeDoc)', () => {
  it('shows the "No active licence" warning when getOverview says unlicensed', async () => {
    const doc = await renderSettingsPage(async (key) =>
      key === 'getSettings'
        ? { scope: { kind: 'global' }, licensed: false, targets: [], offered: [], mappings: [] }
        : undefined,
    );

    expect(new Set(invokedKeys())).toEqual(new Set(['getSettings']));
    const messages = findAll(doc, 'SectionMessage');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.props).toMatchObject({ appearance: 'warning', title: 'No active licence' });
    expect(textOf(messages[0]!)).toContain('Relay pushes nothing until the app has an active licence');
    expect(textOf(doc)).toContain('No targets yet.');
    expect(textOf(doc)).toContain('No spaces are mapped.');
    expect(findAll(doc, 'Spinner')).toEqual([]);
  });

  it('shows no licence warning when licensed, and lists targets and mappings', async () => {
    const doc = await renderSettingsPage(async () => ({
      scope: { kind: 'global' },
      licensed: true,
      targets: [
        {
          target: { id: 'hooks', name: 'Knowledge hooks', kind: 'webhook', enabled: true },
          secretSet: false,
          egress: [],
        },
      ],
      offered: [],
      mappings: [{ spaceKey: 'QM', targets: [{ targetId: 'hooks' }] }],
    }));

    expect(findAll(doc, 'SectionMessage')).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('No active licence');
    const text = textOf(doc);
    expect(text).toContain('Knowledge hooks (webhook)');
    expect(text).toContain('signing secret not set');
    expect(text).toContain('QM → hooks');
    expect(findAll(doc, 'Lozenge').map(textOf)).toEqual(['enabled']);
  });

  it("shows the resolver's refusal as an error message", async () => {
    const doc = await renderSettingsPage(async () => ({
      status: 'refused',
      refusal: { code: 'notConfluenceAdmin' },
    }));
    const [message, ...others] = findAll(doc, 'SectionMessage');
    expect(others).toEqual([]);
    expect(message?.props).toMatchObject({ appearance: 'error' });
    expect(textOf(message!)).toBe('Refused: notConfluenceAdmin');
  });

  it('shows the spinner until the resolver answers', async () => {
    const doc = await renderSettingsPage(() => new Promise<never>(() => {}));
    expect(findAll(doc, 'Spinner')).toHaveLength(1);
    expect(findAll(doc, 'Spinner')[0]!.props).toMatchObject({ label: 'Loading Relay settings' });
  });
});
