import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { convertMany } from '../../../src/convert/convert';
import { CONVERT_FORMATS } from '../../../src/convert/convert-result';

/** Pieces of real storage markup, recombined at random (unbalanced, misnested, cut in half). */
const MARKUP = [
  '<p>',
  '</p>',
  '<h2>',
  '</h2>',
  '<strong>',
  '</strong>',
  '<em>',
  '<ul><li>',
  '</li></ul>',
  '<ol start="3"><li>',
  '<table><tbody><tr><th>',
  '<td rowspan="2" colspan="3">',
  '</td></tr>',
  '</tbody></table>',
  '<br/>',
  '<hr/>',
  '<ac:structured-macro ac:name="info">',
  '<ac:structured-macro ac:name="code">',
  '<ac:structured-macro ac:name="expand">',
  '<ac:structured-macro ac:name="status">',
  '<ac:structured-macro ac:name="toc">',
  '<ac:structured-macro ac:name="children">',
  '<ac:structured-macro ac:name="no-such-macro">',
  '</ac:structured-macro>',
  '<ac:parameter ac:name="x-secret">PARAMLEAK</ac:parameter>',
  '<ac:parameter ac:name="title">Title</ac:parameter>',
  '<ac:rich-text-body>',
  '</ac:rich-text-body>',
  '<ac:plain-text-body><![CDATA[code ]]]]><![CDATA[> line]]></ac:plain-text-body>',
  ']]>',
  '<ac:link><ri:page ri:content-title="Page" ri:space-key="ENG"/><ac:link-body>link',
  '</ac:link-body></ac:link>',
  '<ac:image ac:width="300"><ri:attachment ri:filename="a.png"/><ac:caption><p>cap</p></ac:caption></ac:image>',
  '<ac:emoticon ac:name="tick"/>',
  '<ac:task-list><ac:task><ac:task-status>complete</ac:task-status><ac:task-body>task',
  '</ac:task-body></ac:task></ac:task-list>',
  '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>',
  '</ac:layout-cell></ac:layout-section></ac:layout>',
  '<ac:adf-extension><ac:adf-node type="panel"><ac:adf-attribute key="panel-type">note</ac:adf-attribute>',
  '<ac:adf-fallback><div class="panel">',
  '<ac:placeholder>PLACEHOLDERTEXT</ac:placeholder>',
  '<ac:inline-comment-marker ac:ref="1">',
  '<time datetime="2024-01-01"/>',
  '&nbsp;',
  '&rarr;',
  '&amp;',
  '&unknown;',
  '&#x1F600;',
];

/** Attacks on the HTML output. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JaVa&#x09;ScRiPt:alert(1)">x</a>',
  '<img src="data:text/html;base64,PHNjcmlwdD4=" onerror="alert(1)"/>',
  '<p onclick="alert(1)" style="background:url(javascript:alert(1))">p</p>',
  '<ac:link><ri:url ri:value="javascript:alert(1)"/></ac:link>',
  '<ac:image><ri:url ri:value="vbscript:x"/></ac:image>',
  '<iframe src="https://evil.example"></iframe>',
];

/** Cut CDATA sections: whatever follows is code text, so only for the never-throws property. */
const CUT_CDATA = ['<ac:plain-text-body><![CDATA[code line', ']]></ac:plain-text-body>', '<![CDATA['];

const ALLOWED_TAGS = new Set(
  'p h1 h2 h3 h4 h5 h6 strong em u s sub sup code pre br hr blockquote ul ol li table thead tbody tr th td a img figure figcaption details summary section span'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set([
  'href',
  'src',
  'alt',
  'width',
  'id',
  'class',
  'colspan',
  'rowspan',
  'start',
]);

/** Every element and attribute of the HTML output is on the allowlist, every URL safe. */
function checkHtml(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (!ALLOWED_TAGS.has(name)) problems.push(`<${name}>`);
      for (const [attr, value] of Object.entries(attrs)) {
        if (!ALLOWED_ATTRIBUTES.has(attr)) problems.push(`${name}[${attr}]`);
        const scheme = /^\s*([a-z][a-z0-9+.-]*):/i
          .exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1]
          ?.toLowerCase();
        if (
          (attr === 'href' || attr === 'src') &&
          scheme !== undefined &&
          !['http', 'https', 'mailto', 'tel'].includes(scheme)
        ) {
          problems.push(`${attr}=${value}`);
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return problems;
}

const safeText = fc.stringMatching(/^[a-zA-Z0-9 .,;:!?()'"\n-]{0,12}$/);
const structured = fc
  .array(fc.oneof(fc.constantFrom(...MARKUP), safeText), { maxLength: 60 })
  .map((parts) => parts.join(''));
const chaos = fc
  .array(
    fc.oneof(
      fc.constantFrom(...MARKUP, ...CUT_CDATA, ...HOSTILE),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

const RUNS = { numRuns: 1000 };

describe('properties', () => {
  it('never throws, on anything', () => {
    fc.assert(
      fc.property(chaos, (storage) => {
        const results = convertMany(storage, CONVERT_FORMATS);
        for (const format of CONVERT_FORMATS) {
          expect(typeof results[format]!.output).toBe('string');
          expect(results[format]!.warnings.some((w) => w.code === 'internal-error')).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('never leaks Confluence markup, macro parameters or placeholders', () => {
    fc.assert(
      fc.property(structured, (storage) => {
        const results = convertMany(storage, CONVERT_FORMATS);
        for (const format of CONVERT_FORMATS) {
          const output = results[format]!.output;
          expect(output).not.toMatch(/<\/?(?:ac|ri):|\b(?:ac|ri):[a-z-]+=/);
          expect(output).not.toContain('PARAMLEAK');
          expect(output).not.toContain('PLACEHOLDERTEXT');
        }
      }),
      RUNS,
    );
  });

  it('HTML output holds only allowlisted elements and attributes, and safe URLs', () => {
    const hostile = fc
      .array(fc.oneof(fc.constantFrom(...MARKUP, ...CUT_CDATA, ...HOSTILE), safeText, fc.string()), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostile, (storage) => {
        expect(checkHtml(convertMany(storage, ['html']).html!.output)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the allowlist check itself catches what it should', () => {
    expect(checkHtml('<p onclick="x"><script></script><a href=" javascript:x">a</a></p>')).toEqual([
      'p[onclick]',
      '<script>',
      'href= javascript:x',
    ]);
  });
});
