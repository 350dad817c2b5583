import { convert, convertMany } from '../../../src/convert/convert';
import { CONVERT_FORMATS } from '../../../src/convert/convert-result';
import { samples } from './convert-test-helpers';

function all(storage: string) {
  return convertMany(storage, CONVERT_FORMATS);
}

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

describe('malformed storage: best effort, warnings, never a throw', () => {
  it('unclosed and mismatched tags', () => {
    const result = convert('<p><strong>bold <em>both</p><p>next</strong> after', 'text');
    expect(result.output).toBe('bold both\n\nnext after');
    expect(result.warnings.map((w) => w.code)).toContain('malformed-markup');
  });

  it('stray ]]> and an unterminated CDATA', () => {
    expect(convert('<p>a ]]> b</p>', 'text').output).toBe('a ]]> b');
    const open = '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x < y';
    expect(convert(open, 'markdown').output).toBe('```\nx < y\n```');
  });

  it('undefined and malformed entities stay as written', () => {
    expect(convert('<p>&foo; &amp;bar; &#xZZ; &#0; &#99999999; &nbsp;x</p>', 'text').output).toBe(
      '&foo; &bar; &#xZZ; \ufffd \ufffd  x',
    );
  });

  it('entities decode as HTML decodes them: legacy names in text, attribute rules in values', () => {
    // `&nbsp`, `&copy` and `&not` without `;` are legacy references in text; in an attribute value a legacy
    // name followed by `=` or an alphanumeric stays as written (a URL's query string).
    expect(convert('<p>a&nbspb &copy 2024 &notit; &amp</p>', 'html').output).toBe(
      '<p>a\u00a0b © 2024 ¬it; &amp;</p>',
    );
    const html = convert('<p><a href="https://x.test/?a=1&amp;b=2&copy=3&nbspx">q</a></p>', 'html').output;
    expect(html).toBe('<p><a href="https://x.test/?a=1&amp;b=2&amp;copy=3&amp;nbspx">q</a></p>');
    expect(convert('<p>a<![CDATA[&amp;]]>b</p>', 'text').output).toBe('a&amp;b');
  });

  it('characters XML does not allow are removed wherever they are, even when written as references', () => {
    const result = convert('<p\u0001>a\u0002b&#1;c</p\u0001><p title="x\u0003">d&#x7f;</p>', 'text');
    expect(result.output).toBe('abc\n\nd');
    expect(result.warnings).toEqual([
      // Both tag names, the text, the reference, the attribute value and the last reference.
      { code: 'invalid-characters', message: '6 characters not allowed in XML were removed' },
    ]);
  });

  it('content that is never shown stays out of everything: link texts, mentions, code', () => {
    const body =
      '<p><a href="https://x.test/">a<script>steal()</script>b<style>.x{}</style></a>' +
      '<ac:link><ri:page ri:content-title="P" /><ac:link-body>c<textarea>draft</textarea>d</ac:link-body></ac:link></p>' +
      '<pre>e<noscript>no</noscript>f</pre>';
    const result = convert(body, 'markdown');
    expect(result.links.map((link) => link.text)).toEqual(['ab', 'cd']);
    expect(result.output).toBe('[ab](https://x.test/)cd\n\n```\nef\n```');
    expect(result.warnings.filter((w) => w.code === 'dropped-element').map((w) => w.message)).toEqual([
      '<script> and its content are not rendered',
      '<style> and its content are not rendered',
      '<textarea> and its content are not rendered',
      '<noscript> and its content are not rendered',
    ]);
  });

  it('binary garbage: no control characters come out', () => {
    const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString(
      'latin1',
    );
    for (const [format, result] of Object.entries(all(garbage))) {
      expect(typeof result!.output).toBe('string');
      expect(result!.output).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(format).toBeTruthy();
    }
    expect(convert(garbage, 'html').warnings.map((w) => w.code)).toContain('invalid-characters');
  });

  it('not a string at all (a JavaScript caller’s mistake)', () => {
    expect(convert(undefined as unknown as string, 'html').output).toBe('');
  });
});

describe('deep nesting: flattened, no recursion overflow', () => {
  it('past the depth limit nothing leaks and text inside tables is kept', () => {
    const macro =
      '<div>'.repeat(100) +
      '<p>x <ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">DONE</ac:parameter></ac:structured-macro> y</p>' +
      '</div>'.repeat(100);
    expect(convert(macro, 'text').output).toBe('x y');
    const tables = '<table><tr><td>'.repeat(40) + 'inner text' + '</td></tr></table>'.repeat(40);
    expect(convert(tables, 'text').output).toContain('inner text');
    // Text directly in a row shows before the table, as browsers show it.
    expect(convert('<table><tr>stray<td>c</td></tr></table>', 'text').output).toBe('stray\n\nc');
  });

  it.each([
    ['div', '<div>', '</div>'],
    ['lists', '<ul><li>', '</li></ul>'],
    [
      'macros',
      '<ac:structured-macro ac:name="info"><ac:rich-text-body>',
      '</ac:rich-text-body></ac:structured-macro>',
    ],
    ['tables', '<table><tbody><tr><td>', '</td></tr></tbody></table>'],
    ['marks, unclosed', '<strong><em>', ''],
  ])('10,000 levels of %s', (_kind, open, close) => {
    const storage = `${open.repeat(10_000)}deep${close.repeat(10_000)}`;
    const [results, ms] = timed(() => all(storage));
    for (const format of CONVERT_FORMATS) {
      expect(results[format]!.output).toContain('deep');
      expect(results[format]!.warnings.map((w) => w.code)).toContain('nesting-too-deep');
    }
    expect(ms).toBeLessThan(10_000);
  });
});

describe('size and pathological shapes stay linear', () => {
  const real = samples()
    .map(([, body]) => body)
    .slice(0, 12);

  it('a 5 MB page of real content converts in every format', () => {
    const parts: string[] = [];
    for (let bytes = 0, i = 0; bytes < 5 * 1024 * 1024; i++) {
      parts.push(real[i % real.length]!);
      bytes += Buffer.byteLength(parts[parts.length - 1]!);
    }
    const [results, ms] = timed(() => all(parts.join('\n')));
    for (const format of CONVERT_FORMATS) expect(results[format]!.output.length).toBeGreaterThan(1_000_000);
    expect(ms).toBeLessThan(30_000);
  });

  it.each([
    ['stray end tags under a deep stack', `${'<span>'.repeat(5_000)}${'</b>'.repeat(200_000)}`],
    ['unclosed paragraphs', '<p>x'.repeat(200_000)],
    [
      'many tables of contents and headings',
      '<ac:structured-macro ac:name="toc"/><h2>Same</h2>'.repeat(20_000),
    ],
    ['long attribute values', `<a href="${'x'.repeat(2_000_000)}">y</a>`],
    ['one huge text node', 'word '.repeat(1_000_000)],
    ['many list items', `<ul>${'<li>i</li>'.repeat(100_000)}</ul>`],
    [
      'wide rowspans',
      `<table>${`<tr>${'<td rowspan="1000" colspan="1000">c</td>'.repeat(50)}</tr>`.repeat(500)}</table>`,
    ],
  ])('%s', (_shape, storage) => {
    const [results, ms] = timed(() => all(storage));
    for (const format of CONVERT_FORMATS) expect(typeof results[format]!.output).toBe('string');
    expect(ms).toBeLessThan(15_000);
  });
});
