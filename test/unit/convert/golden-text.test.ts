import { render } from './convert-test-helpers';

// Fragments below are copied from the real samples named in each test (../shared/samples/storage).
// Expected outputs were worked out by hand from storage-format semantics, not printed by the code.

describe('text, marks and entities (sample 22)', () => {
  const fragment =
    '<p><span style="color: rgb(255,86,48);">&rarr; Delete all the red messages after your did what they say, starting by this one </span>' +
    '<ac:emoticon ac:name="smile" ac:emoji-shortname=":slight_smile:" ac:emoji-id="1f642" ac:emoji-fallback="🙂" /> <br /><br />' +
    '<strong>Post-mortem published date</strong> YYYY-MM-DD</p>';

  it('html: entity decoded, colour dropped, emoji as Unicode, breaks kept', () => {
    expect(render(fragment, 'html')).toBe(
      '<p>→ Delete all the red messages after your did what they say, starting by this one 🙂<br><br>' +
        '<strong>Post-mortem published date</strong> YYYY-MM-DD</p>',
    );
  });
  it('markdown: hard breaks as backslashes, bold as **', () => {
    expect(render(fragment, 'markdown')).toBe(
      '→ Delete all the red messages after your did what they say, starting by this one 🙂\\\n\\\n**Post-mortem published date** YYYY-MM-DD',
    );
  });
  it('bbcode and text', () => {
    const words = '→ Delete all the red messages after your did what they say, starting by this one 🙂\n\n';
    expect(render(fragment, 'bbcode')).toBe(`${words}[b]Post-mortem published date[/b] YYYY-MM-DD`);
    expect(render(fragment, 'text')).toBe(`${words}Post-mortem published date YYYY-MM-DD`);
  });

  it('headings get GitHub-style ids; &hellip; and &rsquo; are decoded', () => {
    const storage = '<h2><strong>Root cause(s)</strong></h2><p>don&rsquo;t &hellip;</p>';
    expect(render(storage, 'html')).toBe(
      '<h2 id="root-causes"><strong>Root cause(s)</strong></h2>\n<p>don’t …</p>',
    );
    expect(render(storage, 'markdown')).toBe('## **Root cause(s)**\n\ndon’t …');
    expect(render(storage, 'bbcode')).toBe('[b]Root cause(s)[/b]\n\ndon’t …');
    expect(render(storage, 'text')).toBe('Root cause(s)\n\ndon’t …');
  });

  it('inline marks: em, u, s, sub, sup, code, legacy monospace span', () => {
    const storage =
      '<p><em>e</em> <u>u</u> <s>s</s> H<sub>2</sub>O x<sup>2</sup> <code>a &lt; b</code> ' +
      '<span style="font-family: monospace;">mono</span></p>';
    expect(render(storage, 'html')).toBe(
      '<p><em>e</em> <u>u</u> <s>s</s> H<sub>2</sub>O x<sup>2</sup> <code>a &lt; b</code> <code>mono</code></p>',
    );
    expect(render(storage, 'markdown')).toBe(
      '*e* <ins>u</ins> ~~s~~ H<sub>2</sub>O x<sup>2</sup> `a < b` `mono`',
    );
    // Bitrix24 has no sub/sup or inline code tags: Unicode sub/superscripts, backticks (golden-plain).
    expect(render(storage, 'bbcode')).toBe('[i]e[/i] [u]u[/u] [s]s[/s] H₂O x² `a < b` `mono`');
  });

  it('markdown escapes what Markdown would read, including line starts', () => {
    const storage =
      '<p>1. not a list *not bold* [not a link](x) a_b _c_ &lt;tag&gt;</p><p># not a heading</p>';
    expect(render(storage, 'markdown')).toBe(
      '1\\. not a list \\*not bold\\* \\[not a link\\](x) a_b \\_c\\_ \\<tag>\n\n\\# not a heading',
    );
  });

  it('bbcode neutralises text that looks like a tag but keeps other brackets', () => {
    const storage = '<p>Move it to the [Archive] folder, not [b]bold[/b]</p>';
    expect(render(storage, 'bbcode')).toBe('Move it to the [Archive] folder, not [\u200bb]bold[\u200b/b]');
  });
});

describe('lists (sample 09) and task lists (samples 22, 23)', () => {
  const nested =
    '<ol start="1"><li><p><strong>Name</strong> : 이름을 입력합니다. (필수) </p><ul><li><p>수정이 불가한 항목입니다. </p></li></ul></li>' +
    '<li><p><strong>Version</strong> : 버전을 기입합니다. (선택) </p></li></ol>';

  it('html keeps nesting, tight items without <p>', () => {
    expect(render(nested, 'html')).toBe(
      '<ol>\n<li><strong>Name</strong> : 이름을 입력합니다. (필수)\n<ul>\n<li>수정이 불가한 항목입니다.</li>\n</ul></li>\n' +
        '<li><strong>Version</strong> : 버전을 기입합니다. (선택)</li>\n</ol>',
    );
  });
  it('markdown indents nested lists under the item text', () => {
    expect(render(nested, 'markdown')).toBe(
      '1. **Name** : 이름을 입력합니다. (필수)\n   - 수정이 불가한 항목입니다.\n2. **Version** : 버전을 기입합니다. (선택)',
    );
  });
  it('text and bbcode use markers and indentation', () => {
    expect(render(nested, 'text')).toBe(
      '1. Name : 이름을 입력합니다. (필수)\n   • 수정이 불가한 항목입니다.\n2. Version : 버전을 기입합니다. (선택)',
    );
    expect(render(nested, 'bbcode')).toBe(
      '1. [b]Name[/b] : 이름을 입력합니다. (필수)\n\u00a0\u00a0\u00a0• 수정이 불가한 항목입니다.\n2. [b]Version[/b] : 버전을 기입합니다. (선택)',
    );
  });
  it('ol start is kept', () => {
    expect(render('<ol start="3"><li>c</li><li>d</li></ol>', 'markdown')).toBe('3. c\n4. d');
    expect(render('<ol start="3"><li>c</li></ol>', 'html')).toBe('<ol start="3">\n<li>c</li>\n</ol>');
  });

  const tasks =
    '<ac:task-list>\n  <ac:task>\n    <ac:task-id>1</ac:task-id>\n    <ac:task-uuid>UUID</ac:task-uuid>\n' +
    '    <ac:task-status>complete</ac:task-status>\n    <ac:task-body><strong>Finished</strong> action</ac:task-body>\n  </ac:task>\n' +
    '  <ac:task>\n    <ac:task-id>2</ac:task-id>\n    <ac:task-uuid>UUID</ac:task-uuid>\n    <ac:task-status>incomplete</ac:task-status>\n' +
    '    <ac:task-body><strong>Unfinished</strong> action</ac:task-body>\n  </ac:task>\n</ac:task-list>';

  it('task lists keep their state in every format; ids and uuids never show', () => {
    expect(render(tasks, 'markdown')).toBe('- [x] **Finished** action\n- [ ] **Unfinished** action');
    expect(render(tasks, 'html')).toBe(
      '<ul class="task-list">\n<li>☑ <strong>Finished</strong> action</li>\n<li>☐ <strong>Unfinished</strong> action</li>\n</ul>',
    );
    expect(render(tasks, 'bbcode')).toBe('☑ [b]Finished[/b] action\n☐ [b]Unfinished[/b] action');
    expect(render(tasks, 'text')).toBe('☑ Finished action\n☐ Unfinished action');
  });

  it('a task body with the template placeholder span keeps its text (sample 22)', () => {
    const storage =
      '<ac:task-list>\n<ac:task>\n<ac:task-id>6</ac:task-id>\n<ac:task-status>incomplete</ac:task-status>\n' +
      '<ac:task-body><span class="placeholder-inline-tasks">Task 1</span></ac:task-body>\n</ac:task>\n</ac:task-list>';
    expect(render(storage, 'text')).toBe('☐ Task 1');
  });
});

describe('time, placeholders, inline comment markers', () => {
  it('an empty <time> shows its date; placeholders are dropped', () => {
    const storage =
      '<p>Due <time datetime="2018-03-23" /></p><p><ac:placeholder>Write something...</ac:placeholder></p>';
    expect(render(storage, 'html')).toBe('<p>Due 2018-03-23</p>');
    expect(render(storage, 'text')).toBe('Due 2018-03-23');
  });
  it('inline comment markers keep their text, even split around code (sample 01)', () => {
    const storage =
      '<p><ac:inline-comment-marker ac:ref="9346ce2e">3) 아래의 내용을 입력 후, </ac:inline-comment-marker><code>' +
      '<ac:inline-comment-marker ac:ref="9346ce2e">wq</ac:inline-comment-marker></code><ac:inline-comment-marker ac:ref="9346ce2e"> 키를 입력하여 vi 에디터를 나옵니다.</ac:inline-comment-marker></p>';
    expect(render(storage, 'markdown')).toBe(
      '3\\) 아래의 내용을 입력 후, `wq` 키를 입력하여 vi 에디터를 나옵니다.',
    );
    expect(render(storage, 'html')).toBe(
      '<p>3) 아래의 내용을 입력 후, <code>wq</code> 키를 입력하여 vi 에디터를 나옵니다.</p>',
    );
  });
});
