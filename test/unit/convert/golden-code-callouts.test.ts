import { render, sample } from './convert-test-helpers';

// Real fragments from ../shared/samples/storage (file named per test) unless marked synthetic;
// expectations worked out by hand.

describe('code and noformat', () => {
  const python =
    '<ac:structured-macro ac:name="code" ac:schema-version="1">\n  <ac:parameter ac:name="language">py</ac:parameter>\n' +
    '  <ac:plain-text-body><![CDATA[def func(n: int) -> str:\n    return str(n)]]></ac:plain-text-body>\n</ac:structured-macro>';

  it('keeps the CDATA verbatim with its language (sample 27)', () => {
    expect(render(python, 'html')).toBe(
      '<pre><code class="language-py">def func(n: int) -&gt; str:\n    return str(n)</code></pre>',
    );
    expect(render(python, 'markdown')).toBe('```py\ndef func(n: int) -> str:\n    return str(n)\n```');
    expect(render(python, 'bbcode')).toBe('[code]def func(n: int) -> str:\n    return str(n)[/code]');
    expect(render(python, 'text')).toBe('def func(n: int) -> str:\n    return str(n)');
  });

  it('joins `]]>` split across CDATA sections, and shows the title (synthetic)', () => {
    const storage =
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">Split</ac:parameter>' +
      '<ac:parameter ac:name="language">none</ac:parameter>' +
      '<ac:plain-text-body><![CDATA[end ]]]]><![CDATA[> here]]></ac:plain-text-body></ac:structured-macro>';
    expect(render(storage, 'html')).toBe(
      '<p class="code-title"><strong>Split</strong></p>\n<pre><code>end ]]&gt; here</code></pre>',
    );
    expect(render(storage, 'markdown')).toBe('**Split**\n\n```\nend ]]> here\n```');
    expect(render(storage, 'bbcode')).toBe('[b]Split[/b]\n[code]end ]]> here[/code]');
    expect(render(storage, 'text')).toBe('Split\nend ]]> here');
  });

  it('noformat keeps spaces and tabs; a longer fence wraps code that contains one', () => {
    const noformat =
      '<ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[  a   b\n\tc]]></ac:plain-text-body></ac:structured-macro>';
    expect(render(noformat, 'text')).toBe('  a   b\n\tc');
    const fenced =
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[a\n```\nb]]></ac:plain-text-body></ac:structured-macro>';
    expect(render(fenced, 'markdown')).toBe('````\na\n```\nb\n````');
  });
});

describe('callouts', () => {
  it('info with a title (synthetic, shape of sample 34)', () => {
    const storage =
      '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Heads up</ac:parameter>' +
      '<ac:rich-text-body><p>This is an information panel.</p></ac:rich-text-body></ac:structured-macro>';
    expect(render(storage, 'html')).toBe(
      '<blockquote class="callout callout-info">\n<p><strong>Heads up</strong></p>\n<p>This is an information panel.</p>\n</blockquote>',
    );
    expect(render(storage, 'markdown')).toBe('> [!NOTE]\n> **Heads up**\n>\n> This is an information panel.');
    expect(render(storage, 'bbcode')).toBe('[b]ℹ️ Heads up[/b]\nThis is an information panel.');
    expect(render(storage, 'text')).toBe('ℹ️ Heads up\nThis is an information panel.');
  });

  it('note is the yellow warning, warning the red one (sample 34)', () => {
    const note =
      '<ac:structured-macro ac:name="note" ac:schema-version="1">\n  <ac:rich-text-body>\n    <p><strong>A warning message</strong></p>\n' +
      '    <p>This is a structured macro panel showing a warning.</p>\n  </ac:rich-text-body>\n</ac:structured-macro>';
    expect(render(note, 'markdown')).toBe(
      '> [!WARNING]\n> **A warning message**\n>\n> This is a structured macro panel showing a warning.',
    );
    expect(render(note, 'text')).toBe(
      '⚠️ A warning message\n\nThis is a structured macro panel showing a warning.',
    );
    expect(render(note.replace('"note"', '"warning"'), 'html')).toContain(
      '<blockquote class="callout callout-error">',
    );
    expect(render(note.replace('"note"', '"tip"'), 'markdown')).toMatch(/^> \[!TIP\]/);
  });

  it('panel: its emoji leads the text; colours and icon ids never show (sample 26)', () => {
    const panel = sample('26')
      .split('<ac:structured-macro ac:name="panel"')[1]!
      .split('</ac:structured-macro>')[0];
    const storage = `<ac:structured-macro ac:name="panel"${panel}</ac:structured-macro>`;
    expect(render(storage, 'html')).toBe(
      '<blockquote class="callout callout-panel">\n<p>ℹ️ <strong>Info</strong></p>\n<p>This is an information panel.</p>\n</blockquote>',
    );
    expect(render(storage, 'markdown')).toBe('> ℹ️ **Info**\n>\n> This is an information panel.');
    for (const format of ['html', 'markdown', 'bbcode', 'text'] as const) {
      expect(render(storage, format)).not.toMatch(/2139|information_source|--ds-background/);
    }
  });

  it('ac:adf-extension renders its fallback, as a callout of the panel type (sample 08)', () => {
    const extension = sample('08').match(/<ac:adf-extension>.*?<\/ac:adf-extension>/gs)![2]!;
    const html = render(extension, 'html');
    expect(
      html.startsWith(
        '<blockquote class="callout callout-note">\n<p><strong>다운로드 파일에 암호 포함하기</strong></p>',
      ),
    ).toBe(true);
    expect(html).toContain('<code>Export a file with Encryption</code>');
    expect(html).not.toMatch(/panelContent|style=|panel-type/);
    expect(
      render(extension, 'markdown').startsWith('> [!IMPORTANT]\n> **다운로드 파일에 암호 포함하기**'),
    ).toBe(true);
  });
});
