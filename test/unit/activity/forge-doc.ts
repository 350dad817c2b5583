/**
 * Renders a UI Kit component without a browser (reference/forge.md §11): @forge/react's reconciler
 * sends the tree as a ForgeDoc through `self.__bridge.callBridge('reconcile', {forgeDoc})`, and
 * @forge/bridge sends `invoke` through the same `callBridge`, captured when it is first loaded. One
 * recording stub is installed as both before the modules load (each render loads them afresh).
 */
export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
}

export interface Invoked {
  functionKey: string;
  payload: Record<string, unknown>;
}

type Answer = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

const docs: ForgeDoc[] = [];
export const invoked: Invoked[] = [];
let answer: Answer = () => Promise.reject(new Error('no answer set'));

const bridge = {
  callBridge: (
    cmd: string,
    data: { functionKey?: string; payload?: Record<string, unknown>; forgeDoc?: ForgeDoc },
  ) => {
    if (cmd === 'reconcile' && data.forgeDoc) docs.push(data.forgeDoc);
    if (cmd !== 'invoke') return Promise.resolve();
    const call = { functionKey: String(data.functionKey), payload: data.payload ?? {} };
    invoked.push(call);
    return answer(call.functionKey, call.payload);
  },
};
const host = globalThis as unknown as {
  __bridge?: typeof bridge;
  self?: { __bridge: typeof bridge };
  IS_REACT_ACT_ENVIRONMENT?: boolean;
};

export function installBridge(): void {
  host.__bridge = bridge;
  host.self = { __bridge: bridge };
  host.IS_REACT_ACT_ENVIRONMENT = true;
}

export function removeBridge(): void {
  delete host.__bridge;
  delete host.self;
  delete host.IS_REACT_ACT_ENVIRONMENT;
}

export interface Rendered {
  doc(): ForgeDoc;
  /** Runs `fn` (e.g. a click) inside act and lets the resolver answers settle. */
  act(fn: () => void): Promise<void>;
}

/** Loads React, the reconciler and the component's module afresh and renders `exportName`. */
export async function render(modulePath: string, exportName: string, reply: Answer): Promise<Rendered> {
  docs.length = 0;
  invoked.length = 0;
  answer = reply;
  let actNow: Rendered['act'] = async () => {};
  await jest.isolateModulesAsync(async () => {
    const React = await import('react');
    const { default: ForgeReconciler } = await import('@forge/react');
    const mod = (await import(modulePath)) as Record<string, React.FC>;
    const component = mod[exportName]!;
    const settle = () => React.act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    await React.act(async () => {
      ForgeReconciler.render(React.createElement(component));
    });
    for (let i = 0; i < 3; i++) await settle();
    actNow = async (fn) => {
      await React.act(async () => fn());
      for (let i = 0; i < 3; i++) await settle();
    };
  });
  return {
    doc: () => {
      const last = docs[docs.length - 1];
      if (!last) throw new Error('nothing was rendered');
      return last;
    },
    act: (fn) => actNow(fn),
  };
}

export function findAll(doc: ForgeDoc, type: string): ForgeDoc[] {
  const own = doc.type === type ? [doc] : [];
  return [...own, ...doc.children.flatMap((c) => findAll(c, type))];
}

export function textOf(doc: ForgeDoc): string {
  if (doc.type === 'String') return String(doc.props.text);
  return doc.children.map(textOf).join('');
}

export function button(doc: ForgeDoc, label: string): ForgeDoc {
  const found = findAll(doc, 'Button').find((b) => textOf(b) === label);
  if (!found) throw new Error(`no button "${label}" in ${findAll(doc, 'Button').map(textOf).join(', ')}`);
  return found;
}
