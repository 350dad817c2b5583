import {
  pageIdOfTiny,
  pageLinksIn,
  pageUrlForms,
  parsePageLink,
  tinyCode,
} from '../../../src/targets/bitrix24/page-links';

describe('Confluence page links', () => {
  it('computes the tiny code Confluence shows in _links.tinyui', () => {
    // test/unit/entry/fixtures/page-544112828.v2-response.json: "tinyui":"/x/vIBuI"
    expect(tinyCode('544112828')).toBe('vIBuI');
    expect(pageIdOfTiny('vIBuI')).toBe('544112828');
  });

  it('round-trips ids with - and _ in their code and large ids', () => {
    for (const id of [
      '98305',
      '4128769',
      '65535',
      '16777215',
      '3221225472',
      '9007199254740991',
      '248',
      '252',
    ])
      expect(pageIdOfTiny(tinyCode(id))).toBe(id);
    expect(tinyCode('16777215')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(tinyCode('248')).toBe('_');
    expect(tinyCode('252')).toBe('-');
    expect(pageIdOfTiny('_')).toBe('248');
  });

  it('reads every URL form of a page', () => {
    const want = { host: 'acme.atlassian.net', pageId: '544112828' };
    expect(parsePageLink('https://acme.atlassian.net/wiki/spaces/QM/pages/544112828/Title+here')).toEqual(
      want,
    );
    expect(parsePageLink('https://acme.atlassian.net/wiki/spaces/QM/pages/544112828')).toEqual(want);
    expect(parsePageLink('https://acme.atlassian.net/wiki/spaces/QM/pages/edit-v2/544112828')).toEqual(want);
    expect(parsePageLink('https://ACME.atlassian.net/wiki/x/vIBuI')).toEqual(want);
    expect(parsePageLink('https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=544112828')).toEqual(
      want,
    );
    expect(parsePageLink('https://acme.atlassian.net/wiki/spaces/QM/overview')).toBeUndefined();
    expect(parsePageLink('not a url')).toBeUndefined();
  });

  it('finds links in a multiple field and in text around them', () => {
    const links = pageLinksIn([
      'See https://acme.atlassian.net/wiki/x/vIBuI, and',
      'https://acme.atlassian.net/wiki/spaces/QM/pages/98305/Other',
    ]);
    expect(links.map((l) => l.pageId).sort()).toEqual(['544112828', '98305']);
    expect(pageLinksIn(null)).toEqual([]);
  });

  it('lists the forms of a page URL, each read back to the page', () => {
    const forms = pageUrlForms('https://acme.atlassian.net/wiki/spaces/QM/pages/544112828/T', '544112828');
    expect(forms).toContain('https://acme.atlassian.net/wiki/x/vIBuI');
    expect(forms.map((f) => parsePageLink(f)?.pageId)).toEqual(['544112828', '544112828', '544112828']);
  });
});
