import { convertMany } from '../../../src/convert/convert';
import { CONVERT_FORMATS, type ConvertFormat } from '../../../src/convert/convert-result';
import { samples, SITE } from './convert-test-helpers';
import { normalise, storageFacts } from './storage-facts';

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&amp;': '&',
  '&#10;': '\n',
  '&#124;': '|',
};

function unescapeHtml(html: string): string {
  return html.replace(/&(?:lt|gt|quot|amp|#10|#124);/g, (entity) => ENTITIES[entity]!);
}

/** What a reader sees, roughly: markup removed, so texts can be looked for. */
function visible(format: ConvertFormat, output: string): string {
  switch (format) {
    case 'html':
      return unescapeHtml(output.replace(/<[^>]+>/g, ''));
    case 'markdown':
      return unescapeHtml(output.replace(/<[^>]+>/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1')).replace(
        /[*_`~]/g,
        '',
      );
    case 'bbcode':
      return output.replace(/\[\/?(?:b|i|u|s|code|url(?:=[^\]]*)?)\]/g, '').replace(/\u200b/g, '');
    case 'text':
      return output;
  }
}

/** Code lines without the indentation and quote bars that Markdown containers add. */
function dedent(text: string): string {
  return text.replace(/^(?:[ \t]*>)*[ \t]*/gm, '');
}

function codeKept(format: ConvertFormat, output: string, code: string): boolean {
  switch (format) {
    case 'html':
      return unescapeHtml(output).includes(code);
    case 'markdown':
      return dedent(unescapeHtml(output)).includes(dedent(code.replace(/\n$/, '')));
    case 'bbcode':
    case 'text':
      return output.includes(code);
  }
}

function countCells(format: ConvertFormat, output: string): number {
  const htmlCells = (output.match(/<t[dh][ >]/g) ?? []).length;
  if (format === 'html') return htmlCells;
  const pipeRows = output
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| (?::?-+:? \| )*:?-+:? \|$/.test(line));
  const pipeCells = pipeRows
    .filter((row) => !/^\|(?: {2}\|)+$/.test(row))
    .reduce((n, row) => n + row.split(/(?<!\\) \| /).length, 0);
  return htmlCells + pipeCells;
}

describe.each(samples())('%s', (_name, storage) => {
  const facts = storageFacts(storage);
  const results = convertMany(storage, CONVERT_FORMATS, SITE);

  it.each(CONVERT_FORMATS)('%s: no Confluence markup, nothing leaked', (format) => {
    const output = results[format]!.output;
    expect(output).not.toMatch(/<\/?(?:ac|ri|fab):|\b(?:ac|ri):[a-z-]+=/);
    for (const run of facts.paramRuns) expect(visible(format, output)).not.toContain(run);
  });

  it.each(CONVERT_FORMATS)('%s: code blocks verbatim', (format) => {
    const output = results[format]!.output;
    for (const code of facts.codes) expect(codeKept(format, output, code)).toBe(true);
  });

  it.each(CONVERT_FORMATS)('%s: link texts kept', (format) => {
    // BB-code output may add zero-width spaces (tag-like text): compare without them on both sides.
    const plain = (text: string) => text.replace(/[*_`~\u200b]/g, '');
    const seen = plain(normalise(visible(format, results[format]!.output)));
    for (const text of facts.linkTexts) expect(seen).toContain(plain(text));
  });

  it.each(['html', 'markdown'] as const)('%s: table cells all kept', (format) => {
    expect(countCells(format, results[format]!.output)).toBe(facts.cells);
  });

  it('text: every text node of the source is in the text output', () => {
    const text = normalise(results.text!.output);
    const missing = facts.texts.filter((node) => !text.includes(node));
    expect(missing).toEqual([]);
  });

  it('lists what the body references', () => {
    const links = results.html!.links;
    expect(links.length).toBeGreaterThanOrEqual(facts.linkTexts.length > 0 ? 1 : 0);
    expect(results.html!.images.length).toBe((storage.match(/<ac:image[\s>]/g) ?? []).length);
  });
});
