import { convert } from '../../../src/convert/convert';
import { render, sample, SITE } from './convert-test-helpers';

// Real fragments from ../shared/samples/storage (file named per test) unless marked synthetic;
// expectations worked out by hand.

describe('expand, status, anchors, toc, dynamic macros', () => {
  it('expand: title and body (sample 29)', () => {
    const expand = sample('29')
      .split('<h2>Collapsed sections</h2>')[1]!
      .split('\n<ac:structured-macro ac:name="expand"')[1]!;
    const storage = `<ac:structured-macro ac:name="expand"${expand}`;
    expect(render(storage, 'markdown')).toBe(
      '<details>\n<summary>Tips for collapsed sections</summary>\n\nYou can add text within a collapsed section.\n\n' +
        'You can add an image or a code block, too.\n\n```ruby\nputs "Hello World"\n```\n\n</details>',
    );
    expect(render(storage, 'html')).toBe(
      '<details>\n<summary>Tips for collapsed sections</summary>\n<p>You can add text within a collapsed section.</p>\n' +
        '<p>You can add an image or a code block, too.</p>\n<pre><code class="language-ruby">puts "Hello World"</code></pre>\n</details>',
    );
  });

  it('status lozenges show their text (sample 25)', () => {
    const storage =
      '<ul>\n<li><ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="UUID">\n  <ac:parameter ac:name="title">gray</ac:parameter>\n</ac:structured-macro></li>\n' +
      '<li><ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="UUID">\n  <ac:parameter ac:name="colour">Purple</ac:parameter>\n' +
      '  <ac:parameter ac:name="title">purple</ac:parameter>\n</ac:structured-macro></li>\n</ul>';
    expect(render(storage, 'html')).toBe(
      '<ul>\n<li><span class="status status-grey">[gray]</span></li>\n<li><span class="status status-purple">[purple]</span></li>\n</ul>',
    );
    expect(render(storage, 'markdown')).toBe('- **[gray]**\n- **[purple]**');
    expect(render(storage, 'bbcode')).toBe('• [b][gray][/b]\n• [b][purple][/b]');
    expect(render(storage, 'text')).toBe('• [gray]\n• [purple]');
  });

  it('anchors become ids, anchor links fragments (sample 31)', () => {
    const storage =
      '<h2><ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">anchors</ac:parameter></ac:structured-macro>Anchors</h2>' +
      '<h3><ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">subsection-links</ac:parameter></ac:structured-macro>Subsection 2</h3>' +
      '<p><ac:link ac:anchor="anchors"><ac:link-body>Link to top</ac:link-body></ac:link></p>';
    expect(render(storage, 'html')).toBe(
      '<h2 id="anchors">Anchors</h2>\n<h3 id="subsection-links">Subsection 2</h3>\n<p><a href="#anchors">Link to top</a></p>',
    );
    expect(render(storage, 'markdown')).toBe(
      '## <a id="anchors"></a>Anchors\n\n### <a id="subsection-links"></a>Subsection 2\n\n[Link to top](#anchors)',
    );
    expect(render(storage, 'text')).toBe('Anchors\n\nSubsection 2\n\nLink to top');
  });

  it('toc is built from the headings; children is a placeholder linking to the page (sample 30)', () => {
    const result = convert(sample('30'), 'markdown', SITE);
    expect(result.output).toBe(
      '> [!NOTE]\n> This page has been generated with a tool.\n\n## Table of contents\n\nTable of contents macro:\n\n' +
        '- [Table of contents](#table-of-contents)\n\nChild pages macro:\n\n' +
        '*[Child pages: see this page in Confluence](https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=123)*',
    );
    expect(result.warnings.map((w) => w.code)).toEqual(['dynamic-macro']);
    expect(result.output).not.toMatch(/clear|allChildren/);
  });

  it('toc honours min/max level and exclude (sample 01 parameters)', () => {
    const storage =
      '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter><ac:parameter ac:name="minLevel">1</ac:parameter>' +
      '<ac:parameter ac:name="exclude">Overview</ac:parameter></ac:structured-macro>' +
      '<h2>Overview</h2><h2>Install</h2><h3>Deep</h3><h2>Use</h2>';
    expect(render(storage, 'html').split('\n<h2')[0]).toBe(
      '<ul class="toc">\n<li><a href="#install">Install</a></li>\n<li><a href="#use">Use</a></li>\n</ul>',
    );
  });

  it('jira: a key is a link to the issue; a JQL table a placeholder (synthetic)', () => {
    const key =
      '<p><ac:structured-macro ac:name="jira"><ac:parameter ac:name="server">System JIRA</ac:parameter><ac:parameter ac:name="key">ENG-42</ac:parameter></ac:structured-macro></p>';
    expect(render(key, 'html')).toBe('<p><a href="https://acme.atlassian.net/browse/ENG-42">ENG-42</a></p>');
    expect(render(key, 'bbcode')).toBe('[url=https://acme.atlassian.net/browse/ENG-42]ENG-42[/url]');
    const jql =
      '<ac:structured-macro ac:name="jira"><ac:parameter ac:name="jqlQuery">project = ENG</ac:parameter></ac:structured-macro>';
    expect(render(jql, 'text')).toBe('[Jira issues: see this page in Confluence]');
  });

  it('include: a link to the included page (synthetic, shape of confluence.md §3.1)', () => {
    const storage =
      '<ac:structured-macro ac:name="include"><ac:parameter ac:name=""><ac:link><ri:page ri:content-title="Release notes" ri:space-key="ENG"/></ac:link></ac:parameter></ac:structured-macro>';
    expect(render(storage, 'html')).toBe(
      '<p class="confluence-notice"><a href="https://acme.atlassian.net/wiki/display/ENG/Release+notes">Content included from “Release notes”</a></p>',
    );
  });

  it('unknown macros: readable text plus a warning, parameters never shown (synthetic)', () => {
    const bare =
      '<p>Before <ac:structured-macro ac:name="fancy-widget"><ac:parameter ac:name="secretParam">falsefalsefullName</ac:parameter></ac:structured-macro> after</p>';
    const result = convert(bare, 'text', SITE);
    expect(result.output).toBe('Before [macro: fancy-widget] after');
    expect(result.warnings).toEqual([
      { code: 'unknown-macro', message: 'macro "fancy-widget" is not supported: shown as text' },
    ]);
    const withBody =
      '<ac:structured-macro ac:name="x"><ac:parameter ac:name="p">hidden</ac:parameter><ac:rich-text-body><p>Body text</p></ac:rich-text-body></ac:structured-macro>';
    expect(render(withBody, 'markdown')).toBe('Body text');
    const plain =
      '<ac:structured-macro ac:name="y"><ac:plain-text-body><![CDATA[raw <b>text</b>]]></ac:plain-text-body></ac:structured-macro>';
    expect(render(plain, 'html')).toBe('<pre><code>raw &lt;b&gt;text&lt;/b&gt;</code></pre>');
  });

  it('nested macros do not leak their parameters (epam/dm.ai #345 shape)', () => {
    const storage =
      '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">T</ac:parameter><ac:rich-text-body>' +
      '<ac:structured-macro ac:name="section"><ac:parameter ac:name="border">false</ac:parameter><ac:rich-text-body>' +
      '<ac:structured-macro ac:name="column"><ac:parameter ac:name="width">Sparkline</ac:parameter><ac:rich-text-body><p>cell</p>' +
      '</ac:rich-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro>';
    expect(render(storage, 'text')).toBe('T\ncell');
  });

  it('math macros keep their formula (sample 33)', () => {
    const inline =
      '<p>x <ac:structured-macro ac:name="eazy-math-inline" ac:schema-version="1" ac:local-id="UUID" ac:macro-id="UUID"><ac:parameter ac:name="body">\\sum_{i=1}^{n} i</ac:parameter><ac:parameter ac:name="align">center</ac:parameter></ac:structured-macro>.</p>';
    expect(render(inline, 'markdown')).toBe('x $`\\sum_{i=1}^{n} i`$.');
    expect(render(inline, 'html')).toBe('<p>x <code class="math">\\sum_{i=1}^{n} i</code>.</p>');
    const block =
      '<ac:structured-macro ac:name="easy-math-block" ac:schema-version="1" data-layout="default"><ac:parameter ac:name="body">\\frac{a}{b}</ac:parameter><ac:parameter ac:name="align">center</ac:parameter></ac:structured-macro>';
    expect(render(block, 'markdown')).toBe('```math\n\\frac{a}{b}\n```');
  });
});

describe('macro bodies a reader would or would not see (synthetic)', () => {
  it('a chart shows its notice and then its data, which is page content', () => {
    const chart =
      '<ac:structured-macro ac:name="chart"><ac:parameter ac:name="type">pie</ac:parameter><ac:rich-text-body><table><tbody><tr><th>Team</th><th>Tickets</th></tr><tr><td>Ops</td><td>12</td></tr></tbody></table></ac:rich-text-body></ac:structured-macro>';
    expect(render(chart, 'text')).toBe('[Chart: see this page in Confluence]\n\nTeam | Tickets\nOps | 12');
    expect(render(chart, 'text')).not.toContain('pie');
  });

  it('a hidden excerpt is shown nowhere on its page; a visible one is page content', () => {
    const excerpt = (hidden: string, text: string) =>
      `<ac:structured-macro ac:name="excerpt"><ac:parameter ac:name="hidden">${hidden}</ac:parameter><ac:rich-text-body><p>${text}</p></ac:rich-text-body></ac:structured-macro>`;
    expect(
      render(`<p>Intro</p>${excerpt('true', 'Summary for other pages')}${excerpt('false', 'Shown')}`, 'text'),
    ).toBe('Intro\n\nShown');
  });

  it('an anchor before a heading of the same name keeps its id; the heading and the TOC take another', () => {
    const body =
      '<ac:structured-macro ac:name="toc" /><p><ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">intro</ac:parameter></ac:structured-macro>See below.</p><h1>Intro</h1>';
    expect(render(body, 'html')).toBe(
      '<ul class="toc">\n<li><a href="#intro-1">Intro</a></li>\n</ul>\n<p><a id="intro"></a>See below.</p>\n<h1 id="intro-1">Intro</h1>',
    );
  });
});
