import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { convertMany } from '../../../src/convert/convert';
import { render, sample, samples, SITE } from './convert-test-helpers';

// Markdown as GitHub (cmark-gfm) and markdown-it read it. Real fragments from ../shared/samples/storage
// (file named per test) unless marked synthetic; expectations worked out by hand from CommonMark's
// rules (spec §6.2: a delimiter run opens emphasis only if left-flanking, closes it only if
// right-flanking).

const md = (storage: string): string => render(storage, 'markdown');
const reader = new MarkdownIt({ html: true });

describe('bold, italic and strike-through next to punctuation', () => {
  it('a quoted bold phrase followed by a Hangul particle stays bold (sample 08)', () => {
    const storage = sample('08');
    const start = storage.lastIndexOf('<p>', storage.indexOf('&rsquo;</strong>을'));
    const paragraph = storage.slice(start, storage.indexOf('</p>', start) + 4);
    // The space inside the first bold moves out of it. `**‘…’**을`: the closing `**` has `’` before it and a letter after it, so it is not
    // right-flanking and would show as two asterisks.
    expect(md(paragraph)).toBe(
      '**Download File Format** : 로그 출력 파일 형식을 지정합니다. (9.17.0 기준, 각 로그마다 다운로드 ' +
        '가능한 형식이 단일로 제한됩니다. 상단의 <strong>‘추출 지원 로그 종류’</strong>을 참고해주시기 바랍니다.)',
    );
  });

  it('punctuation inside and a letter outside: the HTML tag (synthetic)', () => {
    expect(md('<p><strong>(v1)</strong>은 지원</p>')).toBe('<strong>(v1)</strong>은 지원');
    expect(md('<p>x<em>"q"</em>y</p>')).toBe('x<em>"q"</em>y');
    expect(md('<p>a<s>‘x’</s>b</p>')).toBe('a<del>‘x’</del>b');
    expect(md('<p><strong><a href="https://x.com">bold link</a></strong>text</p>')).toBe(
      '<strong>[bold link](https://x.com)</strong>text',
    );
  });

  it('the same in headings and table cells (synthetic)', () => {
    expect(md('<h2><strong>‘추출’</strong>을 보기</h2>')).toBe('## <strong>‘추출’</strong>을 보기');
    const table =
      '<table><tbody><tr><th>항목</th></tr><tr><td><em>(선택)</em>값 | 기본</td></tr></tbody></table>';
    expect(md(table)).toBe('| 항목 |\n| --- |\n| <em>(선택)</em>값 \\| 기본 |');
  });

  it('keeps the delimiters wherever they are read as such (synthetic)', () => {
    // A letter inside, or whitespace / punctuation on the outside.
    expect(md('<p>상단의 <strong>추출</strong>을 (<em>‘q’</em>) <strong>‘x’</strong> 을</p>')).toBe(
      '상단의 **추출**을 (*‘q’*) **‘x’** 을',
    );
    expect(md('<p><em><strong>a</strong>b</em></p>')).toBe('***a**b*');
  });

  it('a symbol next to a letter takes the tag: markdown-it counts symbols as punctuation (synthetic)', () => {
    // CommonMark 0.31 (markdown-it) reads ✅ as punctuation, 0.29 (cmark-gfm) does not: both must agree.
    expect(md('<p>가<strong>✅ 완료</strong>나 가<strong>완료 ✅</strong> 나</p>')).toBe(
      '가<strong>✅ 완료</strong>나 가**완료 ✅** 나',
    );
  });

  it('the same mark twice in a row does not make one run of four asterisks (synthetic)', () => {
    expect(md('<p><strong>a</strong><strong>b</strong> <em>c</em><em>d</em> <s>e</s><s>f</s></p>')).toBe(
      '<strong>a</strong>**b** <em>c</em>*d* <del>e</del>~~f~~',
    );
  });

  it('nested marks: the outer one falls back when its inside ends in a delimiter (synthetic)', () => {
    expect(md('<p><em><strong>‘x’</strong></em>을</p>')).toBe('<em><strong>‘x’</strong></em>을');
    // Bold inside bold is bold once.
    expect(md('<p><strong>굵게 <strong>‘다시’</strong></strong>다</p>')).toBe(
      '<strong>굵게 ‘다시’</strong>다',
    );
  });

  it('spaces and line breaks at the edges stay outside the delimiters (synthetic)', () => {
    // U+3000, the ideographic space, is whitespace to CommonMark too.
    expect(md('<p><strong>a </strong>b <strong>가\u3000</strong>나 a<strong>b<br/></strong>c</p>')).toBe(
      '**a** b **가**\u3000나 a**b**\\\nc',
    );
  });

  it('a status reads as bold brackets; next to a letter it takes the tag (synthetic)', () => {
    const status = (title: string): string =>
      `<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">${title}</ac:parameter></ac:structured-macro>`;
    expect(md(`<p>상태${status('DONE')}입니다 <strong>굵게 ${status('OK')}</strong></p>`)).toBe(
      '상태<strong>[DONE]</strong>입니다 **굵게 \\[OK\\]**',
    );
  });

  it('a header cell outside the header row is bold once (synthetic, shape of sample 11)', () => {
    const storage =
      '<table><tbody><tr><th><strong>Name</strong></th><td>v</td></tr><tr><th>‘k’</th><td>w</td></tr></tbody></table>';
    expect(md(storage)).toBe('|  |  |\n| --- | --- |\n| **Name** | v |\n| **‘k’** | w |');
  });
});

describe('text that would read as other syntax (synthetic)', () => {
  it('`!` before a link is escaped, or the link would become an image', () => {
    expect(md('<p>Wow!<a href="https://x.com">x</a></p>')).toBe('Wow\\![x](https://x.com)');
  });

  it('code spans side by side become one, as their backticks would join', () => {
    expect(md('<p><code>a</code><code>b</code> <em><code>c</code><em><code>d</code></em></em></p>')).toBe(
      '`ab` *`cd`*',
    );
  });

  it('a heading ending in `#` after a space keeps it (a closing sequence otherwise)', () => {
    expect(md('<h2>Issue #</h2><h2>C#</h2><h2>##</h2><h3>a #b</h3>')).toBe(
      '## Issue \\#\n\n## C#\n\n## \\##\n\n### a #b',
    );
    expect(reader.render(md('<h2>Issue #</h2>'))).toBe('<h2>Issue #</h2>\n');
  });
});

describe('callouts inside other blocks (GitHub renders alerts only at the top level)', () => {
  const info =
    '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter>' +
    '<ac:rich-text-body><p>n</p></ac:rich-text-body></ac:structured-macro>';
  const tip =
    '<ac:structured-macro ac:name="tip"><ac:rich-text-body><p>inner</p></ac:rich-text-body></ac:structured-macro>';

  it('in a list item: a plain quote led by the alert title in bold (synthetic)', () => {
    expect(md(`<ol><li><p>step</p>${info}</li></ol>`)).toBe(
      '1. step\n\n   > **Note: Heads up**\n   >\n   > n',
    );
  });

  it('in a quote, another callout or an expand (synthetic)', () => {
    expect(md(`<blockquote>${tip}</blockquote>`)).toBe('> > **Tip**\n> >\n> > inner');
    const warning = `<ac:structured-macro ac:name="warning"><ac:rich-text-body><p>outer</p>${tip}</ac:rich-text-body></ac:structured-macro>`;
    expect(md(warning)).toBe('> [!CAUTION]\n> outer\n>\n> > **Tip**\n> >\n> > inner');
    const expand = `<ac:structured-macro ac:name="expand"><ac:rich-text-body>${tip}</ac:rich-text-body></ac:structured-macro>`;
    expect(md(expand)).toBe(
      '<details>\n<summary>Click here to expand...</summary>\n\n> **Tip**\n>\n> inner\n\n</details>',
    );
  });

  it('at the top level it stays an alert (synthetic)', () => {
    expect(md(info)).toBe('> [!NOTE]\n> **Heads up**\n>\n> n');
  });
});

describe('task items', () => {
  const task = (id: number, status: string, body: string): string =>
    `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;

  it('a task with no text still gets its checkbox (synthetic, shape of sample 23)', () => {
    // GitHub draws the box only when text follows `[ ]` on the line.
    const storage = `<ac:task-list>${task(1, 'incomplete', '')}${task(2, 'complete', 'done')}</ac:task-list>`;
    expect(md(storage)).toBe('- [ ] &nbsp;\n- [x] done');
  });

  it('a task whose body is only a sub-list keeps the sub-list inside it (synthetic)', () => {
    const storage = `<ac:task-list>${task(1, 'incomplete', `<ac:task-list>${task(2, 'complete', 'sub')}</ac:task-list>`)}</ac:task-list>`;
    expect(md(storage)).toBe('- [ ] &nbsp;\n  - [x] sub');
  });
});

/**
 * The visible characters of rendered HTML with the emphasis each one is in (B bold, I italic, S
 * struck); code counts as one `C`, whitespace as one space.
 */
function emphasis(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  const tags: Record<string, string> = { strong: 'B', em: 'I', s: 'S', del: 'S' };
  const entities: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" };
  const source = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, 'C');
  for (const m of source.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|&(quot|amp|lt|gt|#39);|([^<&])/g)) {
    if (m[2] !== undefined) {
      if (m[2] === 'br') out.push('⏎');
      const tag = tags[m[2]];
      if (tag !== undefined && m[1] === '/') open.splice(open.lastIndexOf(tag), 1);
      else if (tag !== undefined) open.push(tag);
      continue;
    }
    const ch = m[3] === undefined ? m[4]! : entities[m[3]]!;
    out.push(/\s/.test(ch) ? ' ' : `${ch}{${[...new Set(open)].sort().join('')}}`);
  }
  return out
    .join('')
    .replace(/(C\{[A-Z]*\})+/g, 'C')
    .replace(/ +/g, ' ')
    .replace(/ ?⏎ ?/g, '⏎')
    .trim();
}

describe('Markdown read back with markdown-it', () => {
  it('shows every sample with no stray `*` or `~` and loses no emphasis the HTML output has', () => {
    // The text a reader sees, outside code.
    const visible = (html: string): string =>
      html
        .replace(/<pre>[\s\S]*?<\/pre>|<code[^>]*>[\s\S]*?<\/code>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    for (const [name, storage] of samples()) {
      const out = convertMany(storage, ['html', 'markdown'], SITE);
      const read = reader.render(out.markdown!.output);
      const html = out.html!.output;
      // The characters themselves: as many `*` and `~` as the page has.
      const count = (text: string): string => visible(text).replace(/[^*~]/g, '');
      expect([name, count(read)]).toEqual([name, count(html)]);
      // Bold, italic and struck text of the HTML output is so in the Markdown too, in order.
      for (const [tag, alias] of [
        ['strong', 'strong'],
        ['em', 'em'],
        ['s', 'del'],
      ] as const) {
        const inside = (text: string): string =>
          [...text.matchAll(new RegExp(`<(?:${tag}|${alias})>([\\s\\S]*?)</(?:${tag}|${alias})>`, 'g'))]
            .map((m) => visible(m[1]!))
            .join('')
            .replace(/\s+/g, '');
        expect([
          name,
          tag,
          isSubsequence(inside(html), inside(read.replace(/<s>/g, '<del>').replace(/<\/s>/g, '</del>'))),
        ]).toEqual([name, tag, true]);
      }
    }
  });

  it('any mix of marks, punctuation, symbols and spaces reads back with the emphasis of the HTML output', () => {
    const chars = fc.constantFrom(
      '가',
      'a',
      '1',
      ' ',
      '\u3000',
      '‘',
      '’',
      '(',
      ')',
      '"',
      '.',
      '!',
      '✅',
      '*',
      '~',
      '_',
      '[',
      '\\',
    );
    const text = fc
      .string({ unit: chars, minLength: 1, maxLength: 3 })
      .map((s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
    const { node } = fc.letrec<{
      node: string;
      plain: string;
      mark: string;
      plainMark: string;
      link: string;
    }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, text, tie('mark'), tie('link'), fc.constant('<br/>')),
      plain: fc.oneof({ depthSize: 'small' }, text, text, tie('plainMark'), fc.constant('<code>c</code>')),
      mark: fc
        .tuple(
          fc.constantFrom('strong', 'em', 's', 'u'),
          fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
        )
        .map(([tag, inner]) => `<${tag}>${inner.join('')}</${tag}>`),
      plainMark: fc
        .tuple(fc.constantFrom('strong', 'em', 's'), fc.array(tie('plain'), { minLength: 1, maxLength: 3 }))
        .map(([tag, inner]) => `<${tag}>${inner.join('')}</${tag}>`),
      link: fc
        .array(tie('plain'), { minLength: 1, maxLength: 2 })
        .map((inner) => `<a href="https://x.com/">${inner.join('')}</a>`),
    }));
    const block = fc
      .tuple(fc.constantFrom('p', 'h2', 'td'), fc.array(node, { minLength: 1, maxLength: 4 }))
      .map(([tag, inner]) =>
        tag === 'td'
          ? `<table><tbody><tr><td>${inner.join('')}</td></tr></tbody></table>`
          : `<${tag}>${inner.join('')}</${tag}>`,
      );
    fc.assert(
      fc.property(block, (storage) => {
        const out = convertMany(storage, ['html', 'markdown']);
        expect(emphasis(reader.render(out.markdown!.output))).toBe(emphasis(out.html!.output));
      }),
      { numRuns: 400 },
    );
  });
});

function isSubsequence(part: string, whole: string): boolean {
  let i = 0;
  for (const ch of whole) if (i < part.length && ch === part[i]) i++;
  return i === part.length;
}
