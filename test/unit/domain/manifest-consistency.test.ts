import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ENTITIES } from '../../../src/domain/storage-layout';
import { DELIVER_TIMEOUT_SECONDS } from '../../../src/entry/deliver';

interface ManifestEntity {
  name: string;
  attributes: Record<string, { type: string }>;
  indexes: Array<string | { name: string; partition?: string[]; range: string[] }>;
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
  app: { storage: { entities: ManifestEntity[] } };
  modules: {
    function: Array<{ key: string; timeoutSeconds?: number }>;
    consumer: Array<{ queue: string; function: string }>;
  };
};

describe('manifest.yml and the code agree', () => {
  it('on the consumer: queue relay-jobs, and the timeout the consumer plans its budget with', () => {
    expect(manifest.modules.consumer).toEqual([
      { key: 'relay-jobs-consumer', queue: 'relay-jobs', function: 'deliver' },
    ]);
    const deliver = manifest.modules.function.find((f) => f.key === 'deliver');
    expect(deliver?.timeoutSeconds).toBe(DELIVER_TIMEOUT_SECONDS);
  });

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
