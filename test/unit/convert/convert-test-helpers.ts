import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convert } from '../../../src/convert/convert';
import type { ConvertOptions } from '../../../src/convert/convert-options';
import type { ConvertFormat } from '../../../src/convert/convert-result';

export const SITE: ConvertOptions = {
  baseUrl: 'https://acme.atlassian.net/wiki',
  pageId: '123',
  spaceKey: 'QM',
};

/** The converted output only, with the options of a page 123 in space QM on acme.atlassian.net. */
export function render(storage: string, format: ConvertFormat, options: ConvertOptions = SITE): string {
  return convert(storage, format, options).output;
}

export function samplesDir(): string {
  const dir = [process.env.RELAY_SAMPLES_DIR, resolve(__dirname, '../../../../shared/samples/storage')].find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  );
  if (dir === undefined) throw new Error('storage samples not found (../shared/samples/storage)');
  return dir;
}

/** Every real storage body: [file name, body]. */
export function samples(): [string, string][] {
  const dir = samplesDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => [name, readFileSync(resolve(dir, name), 'utf8')]);
}

export function sample(prefix: string): string {
  const found = samples().find(([name]) => name.startsWith(prefix));
  if (found === undefined) throw new Error(`no sample ${prefix}`);
  return found[1];
}
