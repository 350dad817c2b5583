import { convert } from '../../../src/convert/convert';
import { render, SITE } from './convert-test-helpers';

/**
 * The document is built while the body is read (no tree in between): these pin down the cases where
 * reading order and the tree's view could differ.
 */
describe('building the document in one pass', () => {
  it('reports parse warnings before the warnings of what was built', () => {
    const result = convert('<ac:structured-macro ac:name="zzz"></ac:structured-macro><p>x', 'markdown', SITE);
    expect(result.warnings).toEqual([
      { code: 'malformed-markup', message: '<p> was not closed' },
      { code: 'unknown-macro', message: 'macro "zzz" is not supported: shown as text' },
    ]);
  });

  it('counts warnings past the limit exactly, parse warnings first', () => {
    const unknown = Array.from({ length: 55 }, (_, i) => `<x:y${i}>t</x:y${i}>`).join('');
    const { warnings } = convert(`${unknown}<p>open`, 'text', SITE);
    expect(warnings).toHaveLength(51);
    expect(warnings[0]).toEqual({ code: 'malformed-markup', message: '<p> was not closed' });
    expect(warnings[1]).toEqual({
      code: 'unknown-element',
      message: '<x:y0> is not supported: its text is kept',
    });
    expect(warnings[50]).toEqual({ code: 'too-many-warnings', message: '6 more warnings not listed' });
  });

  it('uses a macro parameter that comes after the body', () => {
    const storage =
      '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>Body <a href="https://e.com/a">link</a></p>' +
      '</ac:rich-text-body><ac:parameter ac:name="title">Late title</ac:parameter></ac:structured-macro>';
    expect(render(storage, 'markdown')).toBe(
      '> [!NOTE]\n> **Late title**\n>\n> Body [link](https://e.com/a)',
    );
  });

  it('shows only the first rich-text body of a macro', () => {
    const storage =
      '<ac:structured-macro ac:name="expand"><ac:rich-text-body><p>first</p></ac:rich-text-body>' +
      '<ac:rich-text-body><p>second</p></ac:rich-text-body></ac:structured-macro>';
    expect(render(storage, 'text')).toBe('Click here to expand...\nfirst');
  });

  it('joins text around skipped elements and comments into one run', () => {
    expect(render('<p>a<ac:placeholder>hidden</ac:placeholder>b &amp; c<!-- note -->d</p>', 'text')).toBe(
      'ab & cd',
    );
  });

  it('resolves a link whose resource comes after its body', () => {
    const storage =
      '<p><ac:link><ac:link-body>Body <strong>first</strong></ac:link-body><ri:page ri:content-title="Target" /></ac:link></p>';
    const result = convert(storage, 'markdown', SITE);
    expect(result.output).toBe('[Body **first**](https://acme.atlassian.net/wiki/display/QM/Target)');
    expect(result.links.map((link) => link.text)).toEqual(['Body first']);
  });

  it('puts stray list content into the item before it, or an item of its own', () => {
    expect(render('<ul>intro<li>one</li> <b>stray</b> <li>two</li></ul>', 'markdown')).toBe(
      '- intro\n\n- one\n\n  **stray**\n\n- two',
    );
  });

  it('shows a time element its date only when it has no content at all', () => {
    const text = render(
      '<p>On <time datetime="2024-05-01" /> and <time datetime="2024-06-01"> </time>.</p>',
      'text',
    );
    expect(text).toContain('On 2024-05-01 and');
    expect(text).not.toContain('2024-06-01');
  });
});
