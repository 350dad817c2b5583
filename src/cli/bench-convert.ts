import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { convert, parseStorage, renderDocument } from '../convert/convert';
import { CONVERT_FORMATS } from '../convert/convert-result';
import type { NodeSink } from '../convert/node-sink';
import { readStorage } from '../convert/storage-reader';
import { WarningSink } from '../convert/warning-sink';

const MIN_SECONDS = 1.5;
const PAGE_BYTES = 5 * 1024 * 1024;

function samplesDir(): string {
  const candidates = [process.env.RELAY_SAMPLES_DIR, resolve(process.cwd(), '../shared/samples/storage')];
  const found = candidates.find((dir): dir is string => dir !== undefined && existsSync(dir));
  if (found === undefined) throw new Error('storage samples not found: set RELAY_SAMPLES_DIR');
  return found;
}

/** MB/s (10^6 bytes of UTF-8 input) of `fn` over all bodies, after a warm-up, for at least MIN_SECONDS. */
function throughput(bodies: readonly string[], fn: (body: string, index: number) => unknown): number {
  const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  for (let i = 0; i < 5; i++) bodies.forEach(fn);
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    bodies.forEach(fn);
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return (bytes * rounds) / elapsed / 1e6;
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

/** The floor: htmlparser2's tokenizer, configured as the converter uses it, doing nothing with tokens. */
function tokenizeOnly(body: string): void {
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, NOOP_CALLBACKS);
  tokenizer.write(body);
  tokenizer.end();
}

const DROP_NODES: NodeSink = { open: noop, text: noop, close: noop };

/** The converter's reading stage alone: tokenizer and storage reader, every node dropped. */
function readOnly(body: string): void {
  readStorage(body, new WarningSink(), DROP_NODES);
}

/**
 * Where a conversion's time goes, in ms per round over the corpus: reading (tokenizer and storage
 * reader), building the document, and rendering it to each format (from documents built already).
 */
function stages(bodies: readonly string[], bytes: number, floor: number): string[] {
  const ms = (rate: number) => (bytes / rate / 1000).toFixed(2);
  const read = throughput(bodies, readOnly);
  const parsed = throughput(bodies, (body) => parseStorage(body));
  const docs = bodies.map((body) => parseStorage(body));
  const renders = CONVERT_FORMATS.map(
    (format) => `${format} ${ms(throughput(bodies, (_body, i) => renderDocument(docs[i]!, format)))}`,
  );
  return [
    `  stages (ms per round): tokenizer alone ${ms(floor)}; reading ${ms(read)}; reading and building the` +
      ` document ${ms(parsed)}; rendering ${renders.join(', ')}`,
  ];
}

/** For context: htmlparser2's usual entry point, its Parser in XML mode, with no handlers. */
function parseOnly(body: string): void {
  const parser = new Parser({}, { xmlMode: true });
  parser.write(body);
  parser.end();
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Live heap (after a full GC) at each stage of converting one big page: what a conversion holds at once. */
function heapFigures(page: string): string[] {
  const gc = exposeGc();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  gc();
  const base = process.memoryUsage().heapUsed;
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed - base;
  };
  // The document is built straight from the tokenizer (no parse tree is ever held): what it holds is
  // the document, then the document and one output.
  const parsing = performance.now();
  const doc = parseStorage(page);
  const parseMs = performance.now() - parsing;
  const document = live();
  const lines = [`5 MB page (${mb(Buffer.byteLength(page))} of real bodies; input string not counted):`];
  lines.push(`  live heap: document ${mb(document)} (parsed and built in ${parseMs.toFixed(0)} ms)`);
  let peak = document;
  for (const format of CONVERT_FORMATS) {
    const started = performance.now();
    const output = renderDocument(doc, format);
    const ms = performance.now() - started;
    const withOutput = live();
    peak = Math.max(peak, withOutput);
    lines.push(
      `  ${format}: render ${ms.toFixed(0)} ms, document + output ${mb(withOutput)} (${output.length} chars)`,
    );
  }
  const started = performance.now();
  convert(page, 'markdown');
  lines.push(
    `  peak live heap ${mb(peak)} (goal < 64 MB); convert(markdown) end to end ${(performance.now() - started).toFixed(0)} ms`,
  );
  return lines;
}

function bigPage(bodies: readonly string[]): string {
  const real = bodies.slice(0, 12);
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < PAGE_BYTES; i++) {
    const body = real[i % real.length]!;
    parts.push(body);
    bytes += Buffer.byteLength(body);
  }
  return parts.join('\n');
}

/** `relay bench` (convert part): throughput per format against the floor and the usual converters. */
export async function benchConvert(): Promise<void> {
  const dir = samplesDir();
  const bodies = readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => readFileSync(resolve(dir, name), 'utf8'));
  const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  const { NodeHtmlMarkdown } = await import('node-html-markdown');
  const { default: TurndownService } = await import('turndown');
  const nhm = new NodeHtmlMarkdown();
  const turndown = new TurndownService();
  const floor = throughput(bodies, tokenizeOnly);
  const parser = throughput(bodies, parseOnly);
  const nhmRate = throughput(bodies, (body) => nhm.translate(body));
  const turndownRate = throughput(bodies, (body) => turndown.turndown(body));
  console.log(`convert: ${bodies.length} storage bodies, ${(bytes / 1024).toFixed(0)} KB`);
  console.log(
    `  floor (htmlparser2 tokenizer only): ${floor.toFixed(1)} MB/s; htmlparser2 Parser, no handlers: ${parser.toFixed(1)} MB/s`,
  );
  console.log(`  node-html-markdown: ${nhmRate.toFixed(1)} MB/s; turndown: ${turndownRate.toFixed(1)} MB/s`);
  for (const format of CONVERT_FORMATS) {
    const rate = throughput(bodies, (body) => convert(body, format));
    console.log(
      `  ${format.padEnd(8)} ${rate.toFixed(1).padStart(6)} MB/s  floor/this ${(floor / rate).toFixed(2)}×` +
        `  Parser/this ${(parser / rate).toFixed(2)}×` +
        `  vs node-html-markdown ${(rate / nhmRate).toFixed(1)}×  vs turndown ${(rate / turndownRate).toFixed(1)}×`,
    );
  }
  for (const line of stages(bodies, bytes, floor)) console.log(line);
  for (const line of heapFigures(bigPage(bodies))) console.log(line);
}
