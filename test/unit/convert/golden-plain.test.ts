import { render, sample } from './convert-test-helpers';

// BB-code (Bitrix24 chat) and plain text: tables, anchors, links around images, captions, marks.
// Real fragments from ../shared/samples/storage unless marked synthetic; expectations worked out by
// hand from what a reader of the chat message or the text should see. Bitrix24 renders [b] [i] [u] [s]
// [url] [code] and line starts `>>` (reference/targets.md B.5); anything else shows as typed.

/** The first table of a storage body. */
function firstTable(storage: string): string {
  return storage.match(/<table[\s\S]*?<\/table>/)![0];
}

describe('table headers in BB-code', () => {
  it('bold header labels are bold once, not shown as literal [b] (sample 11)', () => {
    const output = render(firstTable(sample('11')), 'bbcode');
    expect(
      output.startsWith(
        [
          '[b]보고서 유형[/b] | [b]대분류[/b] | [b]소분류[/b] | [b]User / Group[/b] | [b]Resource[/b] | [b]기타 필터[/b]',
          '',
          '[b]보고서 유형[/b]: QueryPie System',
          '[b]대분류[/b]: Users',
          '[b]소분류[/b]:',
          'User Account Status',
          '사용자 계정 현황',
          '[b]User / Group[/b]: O',
          '[b]Resource[/b]: X',
          '[b]기타 필터[/b]: • User Status',
          '',
          '[b]소분류[/b]:',
          'User Account Management History',
          '사용자 계정 관리 이력',
          '[b]User / Group[/b]: O',
          '[b]Resource[/b]: X',
          '[b]기타 필터[/b]: -',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
  });

  it.each(['04', '05', '06', '08', '10', '11', '24'])(
    'no header label of sample %s is escaped into visible tags',
    (prefix) => {
      const output = render(sample(prefix), 'bbcode');
      expect(output).not.toMatch(/\[\u200b\/?(?:b|url)\b/);
      expect(output).not.toContain('[b][/b]');
    },
  );

  it('the review case: a bold header and a row with a two-paragraph cell (synthetic)', () => {
    const storage =
      '<table><tbody><tr><th><strong>Name</strong></th><th>Value</th></tr>' +
      '<tr><td>a</td><td><p>b</p><p>c</p></td></tr></tbody></table>';
    expect(render(storage, 'bbcode')).toBe(
      '[b]Name[/b] | [b]Value[/b]\n\n[b]Name[/b]: a\n[b]Value[/b]:\nb\n\nc',
    );
    expect(render(storage, 'text')).toBe('Name | Value\n\nName: a\nValue:\nb\n\nc');
  });

  it('a header cell holding only an image shows the linked image, bold (sample 24)', () => {
    const storage = sample('24').split('<p>Table with image-only header cell</p>')[1]!;
    expect(render(storage, 'bbcode')).toBe(
      '[b][url=http://confluence.atlassian.com/images/logo/confluence_48_trans.png]🖼 confluence_48_trans.png[/url][/b]' +
        ' | [b]Value[/b]\nIcon | Example',
    );
  });

  it('an empty header cell stays empty instead of an empty [b][/b] (sample 05)', () => {
    const output = render(firstTable(sample('05')), 'bbcode');
    expect(output.split('\n')[0]).toBe(' | [b]사용 순서[/b] | [b]기능[/b]');
    // A header cell in a body row (the step name) is bold as in Confluence, once.
    expect(output.split('\n')[1]).toMatch(
      /^1 \| \[b\]로그인\[\/b\] \| • \[url=[^\]]+\]My Dashboard\[\/url\]$/,
    );
  });
});

describe('tables with rowspan or colspan, BB-code and text', () => {
  it('values under a rowspan are listed under their own header (review case, synthetic)', () => {
    const storage =
      '<table><tbody><tr><th>Team</th><th>Member</th></tr><tr><td rowspan="2">Ops</td><td>Ann</td></tr>' +
      '<tr><td>Bob</td></tr><tr><td colspan="2">Total: 2</td></tr></tbody></table>';
    // "Bob" is a member of Ops, not a team; the total spans the table and belongs to no one column.
    expect(render(storage, 'text')).toBe(
      'Team | Member\n\nTeam: Ops\nMember: Ann\n\nMember: Bob\n\nTotal: 2',
    );
    expect(render(storage, 'bbcode')).toBe(
      '[b]Team[/b] | [b]Member[/b]\n\n[b]Team[/b]: Ops\n[b]Member[/b]: Ann\n\n[b]Member[/b]: Bob\n\nTotal: 2',
    );
  });

  it('the real sample 11 header markup over a rowspan (shape of sample 11, bold headers kept)', () => {
    const storage =
      '<table data-table-width="958" data-layout="center"><tbody><tr><th><p><strong>보고서 유형</strong></p></th>' +
      '<th><p><strong>대분류</strong></p></th></tr><tr><td rowspan="2"><p>QueryPie System</p></td>' +
      '<td><p>Users</p></td></tr><tr><td><p>Administrator</p></td></tr></tbody></table>';
    expect(render(storage, 'bbcode')).toBe(
      '[b]보고서 유형[/b] | [b]대분류[/b]\n\n[b]보고서 유형[/b]: QueryPie System\n[b]대분류[/b]: Users\n\n' +
        '[b]대분류[/b]: Administrator',
    );
  });

  it('a colspan inside a row names every header it covers (synthetic)', () => {
    const storage =
      '<table><tbody><tr><th>Day</th><th>AM</th><th>PM</th><th>Room</th></tr>' +
      '<tr><td>Mon</td><td colspan="2">Workshop</td><td>A1</td></tr>' +
      '<tr><td>Tue</td><td>Talk</td><td>Lab</td><td>B2</td></tr></tbody></table>';
    expect(render(storage, 'text')).toBe(
      'Day | AM | PM | Room\n\nDay: Mon\nAM / PM: Workshop\nRoom: A1\n\nDay: Tue\nAM: Talk\nPM: Lab\nRoom: B2',
    );
  });

  it('a header spanning two columns labels both; an empty cell is left out (synthetic)', () => {
    const storage =
      '<table><tbody><tr><th colspan="2">Contact</th><th>Age</th></tr>' +
      '<tr><td>Ann</td><td>ann@example.com</td><td></td></tr></tbody></table>';
    expect(render(storage, 'text')).toBe('Contact | Age\n\nContact: Ann\nContact: ann@example.com');
  });

  it('a table whose spans shift nothing keeps one line per row (synthetic)', () => {
    // The last cell of a row may span to the end, and a rowspan in the last column hides no position.
    const storage =
      '<table><tbody><tr><th>A</th><th>B</th><th>C</th></tr><tr><td>1</td><td>2</td><td rowspan="2">3</td></tr>' +
      '<tr><td>4</td><td>5</td></tr><tr><td>6</td><td colspan="2">7</td></tr></tbody></table>';
    expect(render(storage, 'text')).toBe('A | B | C\n1 | 2 | 3\n4 | 5\n6 | 7');
  });
});

describe('anchors in BB-code: a chat message cannot jump within itself', () => {
  it('the table of contents is left out; the headings follow anyway (sample 10)', () => {
    const output = render(sample('10'), 'bbcode');
    expect(output).not.toContain('[url=#');
    expect(output.split('\n\n').slice(0, 2)).toEqual([
      'ℹ️ 해당 문서는 [b]QueryPie Enterprise 9.20.0 기준[/b]으로 작성되었습니다.',
      '[b]쿼리파이 접근 제어 정책 개요[/b]',
    ]);
    // Plain text keeps the list of headings: it is words, not links.
    expect(render(sample('10'), 'text')).toContain(
      '\n\n• 쿼리파이 접근 제어 정책 개요\n• 쿠버네티스 정책 YAML 기본 구조\n',
    );
  });

  it('same-page anchor links show their text; links to other pages keep their URL (sample 31)', () => {
    const output = render(sample('31'), 'bbcode');
    expect(output).toContain(
      '\n\nLink to Subsection 1 | Link to Subsection 2 | Link to Subsection 3 | Link to Subsection 4\n\n',
    );
    expect(output).toContain('\n\nLink to top\n\n');
    expect(output).toContain('[url=https://github.com/hunyadi/md2conf]Project page[/url]');
  });

  it('an anchor link into another page stays a link (synthetic)', () => {
    const storage = '<p><ac:link ac:anchor="install"><ri:page ri:content-title="Setup"/></ac:link></p>';
    expect(render(storage, 'bbcode')).toBe(
      '[url=https://acme.atlassian.net/wiki/display/QM/Setup#install]Setup[/url]',
    );
  });
});

describe('images inside links in BB-code', () => {
  it('one [url]: the link, showing the image by its name (review case, synthetic)', () => {
    const storage =
      '<p><ac:link><ri:page ri:content-title="P"/><ac:link-body><ac:image><ri:attachment ri:filename="btn.png"/>' +
      '</ac:image></ac:link-body></ac:link></p>';
    expect(render(storage, 'bbcode')).toBe(
      '[url=https://acme.atlassian.net/wiki/display/QM/P]🖼 btn.png[/url]',
    );
    expect(render(storage, 'text')).toBe('[Image: btn.png]');
  });

  it('an image in a link the chat cannot follow keeps its own link (synthetic)', () => {
    const storage = '<p><a href="#top"><img src="https://example.com/up.png" alt="up"/></a></p>';
    expect(render(storage, 'bbcode')).toBe('[url=https://example.com/up.png]🖼 up[/url]');
  });
});

describe('bold inside bold in BB-code', () => {
  it('a status in a heading is not nested [b] (sample 11)', () => {
    const heading = sample('11').match(/<h2>보고서 복제하기 [\s\S]*?<\/h2>/)![0];
    expect(render(heading, 'bbcode')).toBe('[b]보고서 복제하기 [10.2.2][/b]');
    expect(render(heading, 'text')).toBe('보고서 복제하기 [10.2.2]');
  });

  it('a status in bold text is not nested [b]; elsewhere it is bold (synthetic)', () => {
    const status =
      '<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">DONE</ac:parameter></ac:structured-macro>';
    expect(render(`<p><strong>State ${status}</strong> and ${status}</p>`, 'bbcode')).toBe(
      '[b]State [DONE][/b] and [b][DONE][/b]',
    );
  });
});

describe('captions', () => {
  it('a caption the image line already shows is not repeated (sample 28)', () => {
    const storage = sample('28').split('<h2>Inline images</h2>')[0]!;
    const text = render(storage, 'text');
    expect(text).toContain('\n\n[Image: JPEG image with caption]\n\n[Image: PNG image with caption]\n\n');
    // Alt text and caption differ: both shown.
    expect(text).toContain('\n\n[Image: SVG image with caption]\nA vector image\n\n');
    expect(render(storage, 'bbcode')).toContain(
      '\n\n[url=https://acme.atlassian.net/wiki/download/attachments/123/figure_raster.jpg]🖼 JPEG image with caption[/url]\n\n',
    );
  });

  it('alt text taken from the caption is shown once (sample 03)', () => {
    const text = render(sample('03'), 'text');
    expect(text).toContain('[Image: Admin > General > Users > Detail page > Profile 탭]');
    expect(text.split('Admin > General > Users > Detail page > Profile 탭')).toHaveLength(2);
    // A caption worded differently from the file name still follows its image.
    expect(text).toContain('[Image: image-20250926-112444.png]\nAllow Delegated Approval 스위치');
  });

  it('a caption with markup of its own is kept (synthetic)', () => {
    const storage =
      '<ac:image><ri:attachment ri:filename="a.png"/><ac:caption><em>Figure</em></ac:caption></ac:image>';
    expect(render(storage, 'bbcode')).toBe(
      '[url=https://acme.atlassian.net/wiki/download/attachments/123/a.png]🖼 Figure[/url]\n[i]Figure[/i]',
    );
    expect(render(storage, 'text')).toBe('[Image: Figure]');
  });
});

describe('marks Bitrix24 has no tag for', () => {
  it('footnote numbers become superscript digits (sample 32)', () => {
    const output = render(sample('32'), 'bbcode');
    expect(output).toContain('\n\nFootnote with numeric notation ¹ and string identifier ².\n\n');
    expect(output).toContain('first ³ , second ³ , third ³ .');
  });

  it('sub/superscripts without Unicode forms are marked ^( ) and _( ); text keeps the characters (synthetic)', () => {
    const storage = '<p>H<sub>2</sub>O, x<sup>n+1</sup>, e<sup>iπ</sup>, a<sub>ij</sub>, 1<sup>st</sup></p>';
    expect(render(storage, 'bbcode')).toBe('H₂O, xⁿ⁺¹, e^(iπ), a_(ij), 1^(st)');
    expect(render(storage, 'text')).toBe('H2O, xn+1, eiπ, aij, 1st');
  });

  it('inline code is set off with backticks, its text still escaped (sample 01, synthetic)', () => {
    expect(render(sample('01'), 'bbcode')).toContain(
      '우측 상단 프로필을 클릭하여 `Agent Download` 버튼을 클릭합니다.',
    );
    expect(render('<p>Use <code>[b]x[/b]</code></p>', 'bbcode')).toBe('Use `[\u200bb]x[\u200b/b]`');
  });
});
