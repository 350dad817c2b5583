import fc from 'fast-check';
import { slug } from '../../../src/convert/heading-registry';

/** GitHub's way, as a regex over the whole text: what the one-pass fast path must agree with. */
const NOT_SLUG =
  /[\u0000-\u001f!-,./:-@[-^`{-~\u007f-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]|[\ud800-\udfff]/g;

function reference(text: string): string {
  const id = text.toLowerCase().replace(NOT_SLUG, '').replace(/ /g, '-');
  return id === '' ? 'section' : id;
}

const CHARS = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0x24f }),
  fc.integer({ min: 0x2000, max: 0x2bff }),
  fc.integer({ min: 0x3000, max: 0x30ff }),
  fc.integer({ min: 0x4e00, max: 0x4e40 }),
  fc.integer({ min: 0xa640, max: 0xa7ff }),
  fc.integer({ min: 0xac00, max: 0xd7a3 }),
  fc.integer({ min: 0xff00, max: 0xff70 }),
);

describe('heading ids', () => {
  it('are made the way GitHub makes them, for any text', () => {
    fc.assert(
      fc.property(fc.array(CHARS, { maxLength: 40 }), (codes) => {
        const text = String.fromCharCode(...codes);
        expect(slug(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keep Hangul, kana and CJK, and lower-case ASCII', () => {
    expect(slug('에이전트 앱 다운로드')).toBe('에이전트-앱-다운로드');
    expect(slug('QueryPie Agent에 로그인하기')).toBe('querypie-agent에-로그인하기');
    expect(slug('1. Seamless SSH 設定 (β)')).toBe('1-seamless-ssh-設定-β');
    expect(slug('!!!')).toBe('section');
  });
});
