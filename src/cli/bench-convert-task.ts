import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { convert, parseStorage, renderDocument } from '../convert/convert';
import { CONVERT_FORMATS, type ConvertFormat } from '../convert/convert-result';
import type { NodeSink } from '../convert/node-sink';
import { readStorage } from '../convert/storage-reader';
import { WarningSink } from '../convert/warning-sink';

/**
 * One measurement of the converter bench, run in a process of its own (see bench-convert.ts): the
 * engine's feedback then comes from this code alone, as it does in production, where the converter is
 * the only user of htmlparser2's tokenizer.
 */

const WARM_UP_SECONDS = 0.5;
const WINDOWS = 5;
const WINDOW_SECONDS = 0.25;

export function samplesDir(): string {
  const candidates = [process.env.RELAY_SAMPLES_DIR, resolve(process.cwd(), '../shared/samples/storage')];
  const found = candidates.find((dir): dir is string => dir !== undefined && existsSync(dir));
  if (found === undefined) throw new Error('storage samples not found: set RELAY_SAMPLES_DIR');
  return found;
}

export function readBodies(): string[] {
  const dir = samplesDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => readFileSync(resolve(dir, name), 'utf8'));
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

/**
 * MB/s (10^6 bytes of UTF-8 input) of `fn` over all bodies: the median of WINDOWS windows of at least
 * WINDOW_SECONDS each, after WARM_UP_SECONDS of warming up (the median keeps a busy moment of the
 * machine from deciding the figure).
 */
function throughput(bodies: readonly string[], fn: (body: string, index: number) => unknown): number {
  const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  const warm = process.hrtime.bigint();
  while (seconds(warm) < WARM_UP_SECONDS) bodies.forEach(fn);
  const rates: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    let rounds = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < WINDOW_SECONDS) {
      bodies.forEach(fn);
      rounds++;
      elapsed = seconds(start);
    }
    rates.push((bytes * rounds) / elapsed / 1e6);
  }
  return rates.sort((a, b) => a - b)[WINDOWS >> 1]!;
}

const noop = (): void => undefined;
const NOOP_CALLBACKS: TokenizerCallbacks = {
  onattribdata: noop,
  onattribentity: noop,
  onattribend: noop,
  onattribname: noop,
  oncdata: noop,
  onclosetag: noop,
  oncomment: noop,
  ondeclaration: noop,
  onend: noop,
  onopentagend: noop,
  onopentagname: noop,
  onprocessinginstruction: noop,
  onselfclosingtag: noop,
  ontext: noop,
  ontextentity: noop,
};

const DROP_NODES: NodeSink = { open: noop, text: noop, close: noop };

type Measure = (bodies: readonly string[]) => Promise<number> | number;

/** What each task measures. */
const TASKS: Record<string, Measure> = {
  /** htmlparser2's Parser as one parses XHTML with it (XML mode), with no handlers. */
  parser: (bodies) =>
    throughput(bodies, (body) => {
      const parser = new Parser({}, { xmlMode: true });
      parser.write(body);
      parser.end();
    }),
  /** htmlparser2's Parser with its defaults (HTML mode), with no handlers. */
  'parser-html': (bodies) =>
    throughput(bodies, (body) => {
      const parser = new Parser({});
      parser.write(body);
      parser.end();
    }),
  /** htmlparser2's Tokenizer alone with its default options (entities decoded), no-op callbacks. */
  tokenizer: (bodies) =>
    throughput(bodies, (body) => {
      const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, NOOP_CALLBACKS);
      tokenizer.write(body);
      tokenizer.end();
    }),
  'node-html-markdown': async (bodies) => {
    const { NodeHtmlMarkdown } = await import('node-html-markdown');
    const nhm = new NodeHtmlMarkdown();
    return throughput(bodies, (body) => nhm.translate(body));
  },
  turndown: async (bodies) => {
    const { default: TurndownService } = await import('turndown');
    const turndown = new TurndownService();
    return throughput(bodies, (body) => turndown.turndown(body));
  },
  /** The converter's reading stage alone: tokenizer and storage reader, every node dropped. */
  reading: (bodies) => throughput(bodies, (body) => readStorage(body, new WarningSink(), DROP_NODES)),
  /** Reading and building the document. */
  building: (bodies) => throughput(bodies, (body) => parseStorage(body)),
};
for (const format of CONVERT_FORMATS) {
  TASKS[`convert:${format}`] = (bodies) => throughput(bodies, (body) => convert(body, format));
  TASKS[`render:${format}`] = (bodies) => {
    const docs = bodies.map((body) => parseStorage(body));
    return throughput(bodies, (_body, i) => renderDocument(docs[i]!, format as ConvertFormat));
  };
}

export const TASK_NAMES = Object.keys(TASKS);

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const task = TASKS[name];
  if (task === undefined) throw new Error(`unknown bench task "${name}"`);
  const rate = await task(readBodies());
  if (process.send) process.send({ name, rate });
  else console.log(`${name}: ${rate.toFixed(1)} MB/s`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
