import { convert } from '../../../src/convert/convert';
import type { LinkTarget } from '../../../src/convert/convert-options';
import { render, SITE } from './convert-test-helpers';

// Links, images, emoticons, tables and layouts. Real fragments from ../shared/samples/storage unless
// marked synthetic; expectations worked out by hand.

describe('links', () => {
  const pageLink =
    '<p><ac:link><ri:page ri:content-title="Security" ri:version-at-save="39" /><ac:link-body>Security</ac:link-body></ac:link> </p>';

  it('a page link by title resolves to the title URL in the page’s space (sample 04)', () => {
    const result = convert(pageLink, 'html', SITE);
    expect(result.output).toBe(
      '<p><a href="https://acme.atlassian.net/wiki/display/QM/Security">Security</a></p>',
    );
    expect(result.links).toEqual([
      {
        target: { kind: 'page', title: 'Security', spaceKey: undefined },
        text: 'Security',
        url: 'https://acme.atlassian.net/wiki/display/QM/Security',
      },
    ]);
  });

  it('the caller’s resolver decides the URL', () => {
    const seen: LinkTarget[] = [];
    const resolveLink = (target: LinkTarget) => {
      seen.push(target);
      return target.kind === 'page'
        ? `https://kb.example.com/articles/${encodeURIComponent(target.title)}`
        : undefined;
    };
    expect(render(pageLink, 'markdown', { resolveLink })).toBe(
      '[Security](https://kb.example.com/articles/Security)',
    );
    expect(seen).toEqual([{ kind: 'page', title: 'Security', spaceKey: undefined }]);
  });

  it('unresolvable: the text stays, with a warning; a link without body shows the title', () => {
    const result = convert(pageLink, 'html', {});
    expect(result.output).toBe('<p>Security</p>');
    expect(result.warnings).toEqual([{ code: 'unresolved-link', message: 'no URL for page "Security"' }]);
    const noBody =
      '<p><ac:link><ri:page ri:content-title="Proxy Management" ri:space-key="ENG"/></ac:link></p>';
    expect(render(noBody, 'bbcode')).toBe(
      '[url=https://acme.atlassian.net/wiki/display/ENG/Proxy+Management]Proxy Management[/url]',
    );
  });

  it('attachments link to the page’s download URL (sample 31)', () => {
    const storage =
      '<p><ac:link><ri:attachment ri:filename="docs_sample.pdf"/><ac:link-body>PDF document</ac:link-body></ac:link></p>';
    expect(render(storage, 'markdown')).toBe(
      '[PDF document](https://acme.atlassian.net/wiki/download/attachments/123/docs_sample.pdf)',
    );
  });

  it('user mentions use the display-name resolver (synthetic)', () => {
    const storage = '<p>Ask <ac:link><ri:user ri:account-id="5b10ac8d82e05b22cc7d4ef5"/></ac:link></p>';
    const named = convert(storage, 'html', { ...SITE, resolveUser: () => 'Anna Ivanova' });
    expect(named.output).toBe(
      '<p>Ask <a href="https://acme.atlassian.net/wiki/people/5b10ac8d82e05b22cc7d4ef5">@Anna Ivanova</a></p>',
    );
    const unnamed = convert(storage, 'text', {});
    expect(unnamed.output).toBe('Ask @Unknown user');
    expect(unnamed.warnings.map((w) => w.code)).toEqual(['unresolved-user']);
  });

  it('unsafe URLs are dropped, their text kept; spaces are encoded in Markdown (synthetic)', () => {
    const storage =
      '<p><a href="java&#x09;script:alert(1)">click</a> <a href="https://example.com/a b">ok</a></p>';
    const result = convert(storage, 'html', SITE);
    expect(result.output).toBe('<p>click <a href="https://example.com/a b">ok</a></p>');
    expect(result.warnings.map((w) => w.code)).toEqual(['unsafe-url']);
    expect(render(storage, 'markdown')).toBe('click [ok](https://example.com/a%20b)');
  });
});

describe('images', () => {
  const withCaption =
    '<ac:image ac:align="center" ac:layout="center" ac:original-height="555" ac:original-width="785" ac:custom-width="true" ' +
    'ac:alt="스크린샷 2024-08-04 오후 5.30.02.png" ac:width="760"><ri:attachment ri:filename="스크린샷 2024-08-04 오후 5.30.02.png" ri:version-at-save="1" />' +
    '<ac:caption><p>QueryPie Web &gt; 프로필 메뉴</p></ac:caption><ac:adf-mark key="border" size="1" color="#091e4224" /></ac:image>';
  const url = `https://acme.atlassian.net/wiki/download/attachments/123/${encodeURIComponent('스크린샷 2024-08-04 오후 5.30.02.png')}`;

  it('an attachment image with caption and width becomes a figure (sample 01)', () => {
    const result = convert(withCaption, 'html', SITE);
    expect(result.output).toBe(
      `<figure><img src="${url}" alt="스크린샷 2024-08-04 오후 5.30.02.png" width="760"><figcaption>QueryPie Web &gt; 프로필 메뉴</figcaption></figure>`,
    );
    expect(result.images).toEqual([
      {
        source: { kind: 'attachment', filename: '스크린샷 2024-08-04 오후 5.30.02.png', page: undefined },
        url,
        alt: '스크린샷 2024-08-04 오후 5.30.02.png',
        caption: 'QueryPie Web > 프로필 메뉴',
        width: 760,
        height: undefined,
      },
    ]);
    expect(render(withCaption, 'text')).toBe(
      '[Image: 스크린샷 2024-08-04 오후 5.30.02.png]\nQueryPie Web > 프로필 메뉴',
    );
  });

  it('re-hosted images: the resolver gives the URL', () => {
    const html = render(withCaption, 'markdown', { resolveImage: () => 'https://kb.example.com/img/1.png' });
    expect(html).toBe(
      '<img src="https://kb.example.com/img/1.png" alt="스크린샷 2024-08-04 오후 5.30.02.png" width="760">\\\n*QueryPie Web > 프로필 메뉴*',
    );
  });

  it('an external image inside a paragraph stays inline (sample 28)', () => {
    const storage =
      '<p>This is an <ac:image ac:alt="inline image"><ri:url ri:value="http://confluence.atlassian.com/images/logo/confluence_48_trans.png"/></ac:image> at an external location.</p>';
    const src = 'http://confluence.atlassian.com/images/logo/confluence_48_trans.png';
    expect(render(storage, 'markdown')).toBe(`This is an ![inline image](${src}) at an external location.`);
    expect(render(storage, 'bbcode')).toBe(
      `This is an [url=${src}]🖼 inline image[/url] at an external location.`,
    );
    expect(render(storage, 'text')).toBe('This is an [Image: inline image] at an external location.');
  });
});

describe('emoticons', () => {
  it.each([
    [
      '<ac:emoticon ac:name="tick" ac:emoji-shortname=":check_mark:" ac:emoji-id="atlassian-check_mark" ac:emoji-fallback=":check_mark:" />',
      '✔️',
    ],
    [
      '<ac:emoticon ac:name="cross" ac:emoji-shortname=":cross_mark:" ac:emoji-id="atlassian-cross_mark" ac:emoji-fallback=":cross_mark:" />',
      '❌',
    ],
    [
      '<ac:emoticon ac:name="blue-star" ac:emoji-shortname=":white_check_mark:" ac:emoji-id="2705" ac:emoji-fallback="✅" />',
      '✅',
    ],
    [
      '<ac:emoticon ac:name="blue-star" ac:emoji-shortname=":copy:" ac:emoji-id="8131cbc6-728f-4eb5-abed-e3e9204f76a4" ac:emoji-fallback=":copy:" />',
      ':copy:',
    ],
    ['<ac:emoticon ac:name="light-on" />', '💡'],
  ])('%s → %s (samples 02, 09, 11; legacy)', (storage, expected) => {
    expect(render(`<p>${storage}</p>`, 'text')).toBe(expected);
  });
});

describe('references that cannot be resolved, and site-relative ones (synthetic)', () => {
  it('a link to an anchor on another page is no link at all when that page has no URL', () => {
    const result = convert(
      '<p><ac:link ac:anchor="install"><ri:page ri:content-title="Setup" /></ac:link></p>',
      'html',
    );
    expect(result.output).toBe('<p>Setup</p>');
    expect(result.links).toEqual([{ target: { kind: 'page', title: 'Setup' }, text: 'Setup' }]);
    expect(result.warnings).toEqual([{ code: 'unresolved-link', message: 'no URL for page "Setup"' }]);
    // An anchor of this page is still a fragment.
    expect(convert('<p><ac:link ac:anchor="install" /></p>', 'html').output).toBe(
      '<p><a href="#install">install</a></p>',
    );
  });

  it('site-relative image sources are made absolute on the site', () => {
    const result = convert(
      '<p><img src="/wiki/download/attachments/1/a.png" /><ac:image><ri:url ri:value="/wiki/images/b.png" /></ac:image></p>',
      'html',
      SITE,
    );
    expect(result.output).toBe(
      '<p><img src="https://acme.atlassian.net/wiki/download/attachments/1/a.png" alt="a.png"><img src="https://acme.atlassian.net/wiki/images/b.png" alt="b.png"></p>',
    );
    expect(result.images.map((image) => image.url)).toEqual([
      'https://acme.atlassian.net/wiki/download/attachments/1/a.png',
      'https://acme.atlassian.net/wiki/images/b.png',
    ]);
  });
});

describe('a link whose body is only an image (synthetic)', () => {
  it('reads as the image’s alt text in the list of links', () => {
    const result = convert(
      '<p><ac:link><ri:page ri:content-title="Setup" /><ac:link-body><ac:image ac:alt="Start here"><ri:attachment ri:filename="btn.png" /></ac:image></ac:link-body></ac:link></p>',
      'html',
      SITE,
    );
    expect(result.links.map((link) => link.text)).toEqual(['Start here']);
    expect(result.output).toBe(
      '<p><a href="https://acme.atlassian.net/wiki/display/QM/Setup"><img src="https://acme.atlassian.net/wiki/download/attachments/123/btn.png" alt="Start here"></a></p>',
    );
  });
});
