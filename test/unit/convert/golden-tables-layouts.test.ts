import { render, sample } from './convert-test-helpers';

// Links, images, emoticons, tables and layouts. Real fragments from ../shared/samples/storage unless
// marked synthetic; expectations worked out by hand.

describe('tables', () => {
  const tables = sample('24');

  it('alignment and header rows become a GFM pipe table (sample 24)', () => {
    const aligned = tables.split('<p>Aligned cells</p>')[1]!.split('<p>Multi-line cells</p>')[0]!;
    expect(render(aligned, 'markdown')).toBe(
      '| Left | Center | Right |\n| :--- | :---: | ---: |\n| Bal | Közép | Jobb |',
    );
    const headerColumn = tables
      .split('<p>Table with header column</p>')[1]!
      .split('<p>Table with image-only cell</p>')[0]!;
    expect(render(headerColumn, 'markdown').split('\n').slice(2).join('\n')).toBe(
      '| **1** | one | egy |\n| **2** | two | kettő |\n| **3** | three | három |',
    );
  });

  it('a table without header row gets an empty one in Markdown; text keeps the rows', () => {
    const noHeader = tables
      .split('<p>Table with no header row</p>')[1]!
      .split('<p>Table with header column</p>')[0]!;
    expect(render(noHeader, 'markdown')).toBe('|  |  |\n| --- | --- |\n| Key | Value |');
    expect(render(noHeader, 'text')).toBe('Key | Value');
  });

  it('cells with several lines are listed under their header in text (sample 24)', () => {
    const multi = tables.split('<p>Multi-line cells</p>')[1]!.split('<p>Table with no header row</p>')[0]!;
    expect(render(multi, 'text')).toBe(
      'Name | Description\n\nName: Data\nDescription:\nA multi-line\nparagraph.',
    );
    expect(render(multi, 'markdown')).toBe(
      '| Name | Description |\n| --- | --- |\n| Data | A multi-line<br>paragraph. |',
    );
  });

  it('rowspan: HTML keeps it, Markdown falls back to HTML, text lists cells under their header (shape of sample 11)', () => {
    const storage =
      '<table data-table-width="958" data-layout="center"><tbody><tr><th><p>보고서 유형</p></th><th><p>대분류</p></th></tr>' +
      '<tr><td rowspan="2"><p>QueryPie System</p></td><td><p>Users</p></td></tr><tr><td><p>Administrator</p></td></tr></tbody></table>';
    const html =
      '<table>\n<thead>\n<tr><th>보고서 유형</th><th>대분류</th></tr>\n</thead>\n<tbody>\n' +
      '<tr><td rowspan="2">QueryPie System</td><td>Users</td></tr>\n<tr><td>Administrator</td></tr>\n</tbody>\n</table>';
    expect(render(storage, 'html')).toBe(html);
    expect(render(storage, 'markdown')).toBe(html);
    // "Administrator" is a 대분류 under the spanned "QueryPie System", not a 보고서 유형 (golden-plain).
    expect(render(storage, 'text')).toBe(
      '보고서 유형 | 대분류\n\n보고서 유형: QueryPie System\n대분류: Users\n\n대분류: Administrator',
    );
    expect(render(storage, 'bbcode')).toBe(
      '[b]보고서 유형[/b] | [b]대분류[/b]\n\n[b]보고서 유형[/b]: QueryPie System\n[b]대분류[/b]: Users\n\n[b]대분류[/b]: Administrator',
    );
  });
});

describe('layouts', () => {
  it('layout sections render as sections in order, never as tables (sample 01)', () => {
    const storage = sample('01');
    const html = render(storage, 'html');
    expect(html).not.toContain('<table');
    expect(html.match(/<section>/g)).toHaveLength(storage.match(/<ac:layout-section/g)!.length);
    const first = html.indexOf('Agent 내 설정 메뉴에서 초기화');
    const second = html.indexOf('(Mac) 메뉴 막대 내 앱 메뉴에서 초기화');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });
});
