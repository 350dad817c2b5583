/**
 * Renders the UI Kit pages without a browser (reference/forge.md §11): @forge/react 12.3 components
 * are host strings rendered by its own react-reconciler, which sends the tree as a ForgeDoc through
 * `self.__bridge.callBridge('reconcile', {forgeDoc})`; @forge/bridge 7.2 captures
 * `globalThis.__bridge.callBridge` when first loaded and sends `invoke`, `getContext` and the
 * `permissions.egress` calls through it. One recording stub is installed as both, before the page
 * module is loaded (each render loads it afresh in an isolated registry).
 *
 * Translations take Forge's own path: TextsProvider → `i18n.createTranslationFunction` → `fetch`
 * of `./__LOCALES__/i18n-info.json` and `./__LOCALES__/<locale>.json` (@forge/bridge i18n/index.js;
 * the files Forge's bundler produces from manifest.yml `translations`). The stub answers them from
 * locales/*.json and the manifest, so a missing key shows up here as it would on a site.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key?: string;
}

export interface BridgeCall {
  cmd: string;
  data: { functionKey?: string; payload?: unknown; forgeDoc?: ForgeDoc } & Record<string, unknown>;
}

export type Resolve = (functionKey: string, payload: unknown) => Promise<unknown>;

const root = join(__dirname, '..', '..', '..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  translations: { resources: Array<{ key: string; path: string }>; fallback: Record<string, unknown> };
};

function localeFile(url: string): unknown {
  if (url === './__LOCALES__/i18n-info.json')
    return {
      translations: {},
      config: {
        locales: manifest.translations.resources.map((r) => r.key),
        fallback: manifest.translations.fallback,
      },
    };
  const locale = /^\.\/__LOCALES__\/([\w-]+)\.json$/.exec(url)?.[1];
  const resource = manifest.translations.resources.find((r) => r.key === locale);
  return resource ? JSON.parse(readFileSync(join(root, resource.path), 'utf8')) : undefined;
}

export class UiKitHarness {
  readonly calls: BridgeCall[] = [];
  resolve: Resolve = () => Promise.reject(new Error('no resolver answer set'));
  context: Record<string, unknown> = { locale: 'en-US', moduleKey: 'relay-global-settings', extension: {} };
  /** Whether `./__LOCALES__/…` can be fetched (a site where the bundle lacks them answers 404). */
  localesServed = true;
  /** Customer-managed egress: undefined = the site does not offer it (the bridge call rejects). */
  egress?: { approve: boolean };
  private realFetch = globalThis.fetch;

  private readonly bridge = {
    callBridge: (cmd: string, data: BridgeCall['data'] = {}): Promise<unknown> => {
      this.calls.push({ cmd, data });
      switch (cmd) {
        case 'invoke':
          return this.resolve(String(data.functionKey), data.payload);
        case 'getContext':
          return Promise.resolve(structuredClone(this.context));
        case '__permission__egressGet':
          return this.egress ? Promise.resolve({ results: [] }) : Promise.reject(new Error('not available'));
        case '__permission__egressSet':
          return this.egress?.approve
            ? Promise.resolve({ results: [] })
            : Promise.reject(new Error('The admin declined the request'));
        default:
          return Promise.resolve();
      }
    },
  };

  install(): void {
    const host = globalThis as unknown as Record<string, unknown>;
    host.__bridge = this.bridge;
    host.self = { __bridge: this.bridge };
    host.IS_REACT_ACT_ENVIRONMENT = true;
    globalThis.fetch = (async (input: string) => {
      const body = this.localesServed ? localeFile(String(input)) : undefined;
      return body === undefined
        ? new Response('not found', { status: 404, statusText: 'Not Found' })
        : new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch;
  }

  uninstall(): void {
    const host = globalThis as unknown as Record<string, unknown>;
    delete host.__bridge;
    delete host.self;
    delete host.IS_REACT_ACT_ENVIRONMENT;
    globalThis.fetch = this.realFetch;
  }

  /** Loads the page module (which renders itself) and lets every pending answer settle. */
  async render(modulePath: string): Promise<ForgeDoc> {
    this.calls.length = 0;
    await jest.isolateModulesAsync(async () => {
      const React = await import('react');
      this.act = (fn) => React.act(fn);
      await React.act(async () => {
        await import(modulePath);
      });
    });
    await this.settle();
    return this.doc();
  }

  private act: (fn: () => Promise<void>) => Promise<void> = () => Promise.reject(new Error('render first'));

  /** Lets promises (resolver answers, translations) resolve and React commit, a few rounds. */
  async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await this.act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }

  /** The last tree the reconciler sent. */
  doc(): ForgeDoc {
    const last = this.calls.filter((c) => c.cmd === 'reconcile').pop();
    if (!last?.data.forgeDoc)
      throw new Error(`nothing was rendered; bridge calls: ${JSON.stringify(this.calls)}`);
    return last.data.forgeDoc;
  }

  /** Calls a node's handler inside act, then lets the page settle. */
  async fire(node: ForgeDoc, handler: string, ...args: unknown[]): Promise<ForgeDoc> {
    const fn = node.props[handler];
    if (typeof fn !== 'function') throw new Error(`${node.type} has no ${handler}`);
    await this.act(async () => {
      await fn(...args);
    });
    await this.settle();
    return this.doc();
  }

  /** Answers invokes by resolver key; an unexpected key fails the call (and so the test). */
  answer(answers: Record<string, (payload: unknown) => unknown>): void {
    this.resolve = async (key, payload) => {
      const reply = answers[key];
      if (!reply) throw new Error(`unexpected invoke ${key}`);
      return reply(payload);
    };
  }

  /** Types into a registered text field, or sets a registered checkbox. */
  type(doc: ForgeDoc, name: string, value: string): Promise<ForgeDoc> {
    return this.fire(field(doc, name), 'onChange', { target: { type: 'text', value } });
  }

  check(doc: ForgeDoc, name: string, checked: boolean): Promise<ForgeDoc> {
    return this.fire(field(doc, name), 'onChange', { target: { type: 'checkbox', checked } });
  }

  submit(doc: ForgeDoc): Promise<ForgeDoc> {
    return this.fire(findAll(doc, 'Form')[0]!, 'onSubmit');
  }

  invokes(): Array<{ functionKey?: string; payload?: unknown }> {
    return this.calls
      .filter((c) => c.cmd === 'invoke')
      .map((c) => ({ functionKey: c.data.functionKey, payload: c.data.payload }));
  }
}

export function findAll(doc: ForgeDoc, type: string): ForgeDoc[] {
  const own = doc.type === type ? [doc] : [];
  return [...own, ...doc.children.flatMap((c) => findAll(c, type))];
}

export function textOf(doc: ForgeDoc): string {
  if (doc.type === 'String') return String(doc.props.text);
  return doc.children.map(textOf).join('');
}

/** The node of `type` whose text (or label prop) is exactly `text`. */
export function byText(doc: ForgeDoc, type: string, text: string): ForgeDoc {
  const found = findAll(doc, type).filter((n) => textOf(n) === text || n.props.label === text);
  if (found.length !== 1)
    throw new Error(
      `${found.length} ${type} nodes read "${text}"; there are: ${findAll(doc, type)
        .map((n) => textOf(n) || String(n.props.label))
        .join(' | ')}`,
    );
  return found[0]!;
}

/** The form control registered under `name` (useForm's register gives it the name). */
export function field(doc: ForgeDoc, name: string): ForgeDoc {
  const controls = ['Textfield', 'TextArea', 'Checkbox', 'Select'].flatMap((type) => findAll(doc, type));
  const found = controls.filter((n) => n.props.name === name);
  if (found.length !== 1) throw new Error(`${found.length} fields named ${name}`);
  return found[0]!;
}

/** Text the admin sees in section messages, error messages and plain text, in order. */
export function visibleText(doc: ForgeDoc): string {
  return textOf(doc);
}
