import {
  haloArticlePageSchema,
  haloArticleSchema,
  haloFaqListsSchema,
  haloTokenSchema,
} from '../../../src/targets/halo/halo-types';

describe('Halo answers are parsed leniently', () => {
  it('an article needs only an id; tags come from tag_string or from tags[].text', () => {
    expect(haloArticleSchema.parse({ id: 5, faqlists: 'odd', showforall: 'yes', newField: 1 })).toEqual({
      id: 5,
      name: '',
      description: '',
      description_html: '',
      resolution: '',
      resolution_html: '',
      tag_string: '',
      faqlists: [],
      teams: [],
      showforall: false,
      attachments: [],
      date_created: undefined,
      date_edited: undefined,
      editor_name: undefined,
    });
    const tagged = haloArticleSchema.parse({
      id: 6,
      tags: [
        { id: 1, text: 'a' },
        { id: 2, text: 'b' },
      ],
    });
    expect(tagged.tag_string).toBe('a,b');
    expect(haloArticleSchema.safeParse({ name: 'no id' }).success).toBe(false);
  });

  it('list pages drop records without an id; FAQ lists come bare or wrapped', () => {
    const page = haloArticlePageSchema.parse({
      record_count: 2,
      articles: [{ id: 1, name: 'a' }, { name: 'b' }],
    });
    expect(page).toEqual({
      record_count: 2,
      articles: [{ id: 1, name: 'a', tag_string: '', date_created: undefined, date_edited: undefined }],
    });
    const list = { id: 3, name: 'IT' };
    const parsed = { id: 3, name: 'IT', showforall: false, group_id: 0, article_count: undefined };
    expect(haloFaqListsSchema.parse([list])).toEqual([parsed]);
    expect(haloFaqListsSchema.parse({ FAQLists: [list] })).toEqual([parsed]);
  });

  it('a token without expires_in lasts 55 minutes (HALO-TS fallback); a string one is read', () => {
    expect(haloTokenSchema.parse({ access_token: 't' }).expires_in).toBe(3300);
    expect(haloTokenSchema.parse({ access_token: 't', expires_in: '1800' }).expires_in).toBe(1800);
    expect(haloTokenSchema.safeParse({ token_type: 'Bearer' }).success).toBe(false);
  });
});
