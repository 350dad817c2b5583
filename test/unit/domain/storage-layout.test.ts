import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ENTITIES } from '../../../src/domain/storage-layout';

interface ManifestEntity {
  name: string;
  attributes: Record<string, { type: string }>;
  indexes: Array<string | { name: string; partition?: string[]; range: string[] }>;
}

describe('storage layout', () => {
  it('is declared identically in manifest.yml', () => {
    const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
      app: { storage: { entities: ManifestEntity[] } };
    };
    const declared = manifest.app.storage.entities.map((e) => ({
      name: e.name,
      attributes: Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, v.type])),
      indexes: e.indexes.map((i) => (typeof i === 'string' ? { name: i, range: [i] } : i)),
    }));
    const expected = Object.values(ENTITIES).map((e) => ({
      ...e,
      indexes: e.indexes.map((i) => ({ ...i })),
    }));
    expect(declared).toEqual(expected);
  });
});
