/**
 * The translations the manifest declares: every key the pages use exists in each locale, the
 * locales have the same keys, and each translated resolver message is one the code can still send.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTIVITY_TEXT, BYLINE_TEXT, PREVIEW_TEXT } from '../../../src/frontend/activity-texts';
import { issueKey } from '../../../src/frontend/message-keys';

const root = join(__dirname, '..', '..', '..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  translations: { resources: Array<{ key: string; path: string }> };
};
type Tree = { [key: string]: string | Tree };
const locales = Object.fromEntries(
  manifest.translations.resources.map((r) => [
    r.key,
    JSON.parse(readFileSync(join(root, r.path), 'utf8')) as Tree,
  ]),
);

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

const sources = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => readFileSync(join(root, dir, f), 'utf8'))
    .join('\n');
const frontend = sources('src/frontend');

describe('locales', () => {
  it('are English and Russian, with English the fallback', () => {
    expect(Object.keys(locales)).toEqual(['en-US', 'ru-RU']);
  });

  it('have the same keys (Russian also translates resolver messages and kinds of problem)', () => {
    const en = keys(locales['en-US']!);
    const ru = keys(locales['ru-RU']!).filter((k) => !k.startsWith('issue.') && !k.startsWith('issueCode.'));
    expect(ru.sort()).toEqual(en.sort());
  });

  it('hold the Activity, preview and byline texts, the English exactly as the components name them', () => {
    expect(locales['en-US']!.activity).toEqual(ACTIVITY_TEXT);
    expect(locales['en-US']!.preview).toEqual(PREVIEW_TEXT);
    expect(locales['en-US']!.byline).toEqual(BYLINE_TEXT);
    expect(keys(locales['ru-RU']!.byline as Tree)).toEqual(keys(BYLINE_TEXT));
  });

  it('hold every literal key the pages ask for', () => {
    const used = [...frontend.matchAll(/\bt\(\s*'([a-zA-Z.]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(100);
    const en = new Set(keys(locales['en-US']!));
    expect(used.filter((key) => !en.has(key))).toEqual([]);
  });

  it('hold the keys built from kinds, options and refusal codes', () => {
    const en = new Set(keys(locales['en-US']!));
    const built = [
      ...['webhook', 'halo', 'bitrix24'].flatMap((k) => [
        `kind.${k}`,
        `form.secret.${k}`,
        `form.secretHelp.${k}`,
      ]),
      ...['name', 'kind', 'status', 'secret', 'actions'].map((c) => `targets.column.${c}`),
      ...['space', 'target', 'pages', 'options', 'actions'].map((c) => `spaces.column.${c}`),
      ...[
        'signIn',
        'notConfluenceAdmin',
        'notSpaceAdmin',
        'otherSpace',
        'targetInUse',
        'unknownTarget',
        'badRequest',
      ].map((c) => `refusal.${c}`),
    ];
    expect(built.filter((key) => !en.has(key))).toEqual([]);
  });

  it('translate only messages the settings code can send', () => {
    const backend = [
      sources('src/domain'),
      sources('src/pipeline/settings'),
      sources('src/targets/webhook'),
    ].join('\n');
    const translated = keys(locales['ru-RU']!).filter((k) => k.startsWith('issue.'));
    expect(translated.length).toBeGreaterThan(15);
    // A key is the message's words joined by dashes (issueKey); find those words, in order, in the code.
    const sent = (key: string) =>
      new RegExp(`['"\`]${key.slice('issue.'.length).split('-').join('[^a-z0-9]+')}`, 'i').test(backend);
    expect(translated.filter((key) => !sent(key))).toEqual([]);
    expect(issueKey('must be an https:// URL without credentials')).toBe(
      'issue.must-be-an-https-url-without-credentials',
    );
  });
});
