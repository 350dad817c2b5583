import { keys, targetKeys } from '../../../src/domain/storage-layout';
import { validateKey } from '../../../src/platform/node/kvs-rules';

describe('storage keys', () => {
  it('hold a personal space key (~alice), which kvs keys may not hold as written', () => {
    for (const key of [
      keys.replayProgress('kb', '~alice'),
      keys.haloFaqList('kb', '~alice'),
      keys.sweep('backfill', '~alice'),
    ]) {
      expect(() => validateKey(key)).not.toThrow();
      expect(key).not.toContain('~');
    }
    // The replay of every space never shares its key with a space's.
    expect(keys.replayProgress('kb', undefined)).not.toBe(keys.replayProgress('kb', 'all'));
  });

  it('a target’s families of keys never reach another target whose id starts the same', () => {
    const { single, prefixes } = targetKeys('kb');
    const other = [keys.rate('kb2'), keys.haloFaqList('kb2', 'DOCS'), `${keys.haloWindow('kb2')}:1`];
    for (const key of other) {
      expect(single).not.toContain(key);
      expect(prefixes.some((prefix) => key.startsWith(prefix))).toBe(false);
    }
    expect(prefixes.some((prefix) => keys.haloFaqList('kb', 'DOCS').startsWith(prefix))).toBe(true);
  });
});
