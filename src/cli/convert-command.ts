import { readFile } from 'node:fs/promises';
import { convert } from '../convert/convert';
import type { ConvertOptions } from '../convert/convert-options';
import { CONVERT_FORMATS, type ConvertFormat } from '../convert/convert-result';

const USAGE = `usage: relay convert --to html|markdown|bbcode|text [--base-url URL] [--page-id ID] [--space-key KEY] [FILE]
  Converts a Confluence storage-format body (FILE, or standard input) and prints the result.
  Warnings go to standard error.
`;

interface ConvertArgs {
  format: ConvertFormat;
  file: string | undefined;
  options: ConvertOptions;
}

const OPTION_FLAGS: Readonly<Record<string, keyof Pick<ConvertOptions, 'baseUrl' | 'pageId' | 'spaceKey'>>> =
  {
    '--base-url': 'baseUrl',
    '--page-id': 'pageId',
    '--space-key': 'spaceKey',
  };

function isFormat(value: string | undefined): value is ConvertFormat {
  return CONVERT_FORMATS.some((format) => format === value);
}

/** Parses the arguments; a string is the usage error to print. */
function parseArgs(args: readonly string[]): ConvertArgs | string {
  let format: string | undefined;
  let file: string | undefined;
  const options: ConvertOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === '--to' || arg === '-t') {
      format = value;
      i++;
    } else if (arg.startsWith('--to=')) {
      format = arg.slice('--to='.length);
    } else if (Object.hasOwn(OPTION_FLAGS, arg)) {
      if (value === undefined) return `${arg} needs a value`;
      options[OPTION_FLAGS[arg]!] = value;
      i++;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (file === undefined) {
      file = arg === '-' ? undefined : arg;
    } else {
      return `only one FILE may be given`;
    }
  }
  if (!isFormat(format)) return format === undefined ? '--to is required' : `unknown format "${format}"`;
  return { format, file, options };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<unknown>) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `relay convert --to FORMAT [FILE]`: prints the converted body; 2 on bad arguments, 1 if FILE is unreadable. */
export async function convertCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`relay convert: ${parsed}\n${USAGE}`);
    return 2;
  }
  let storage: string;
  try {
    storage = parsed.file === undefined ? await readStdin() : await readFile(parsed.file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`relay convert: cannot read ${parsed.file ?? 'standard input'}: ${reason}\n`);
    return 1;
  }
  const result = convert(storage, parsed.format, parsed.options);
  process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  for (const warning of result.warnings)
    process.stderr.write(`warning [${warning.code}]: ${warning.message}\n`);
  return 0;
}
