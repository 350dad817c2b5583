import { fitRetryData, RETRY_DATA_TRIMMED_FIELD } from '../../../src/platform/forge/fit-retry-data';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('fitRetryData', () => {
  it('returns small data unchanged', () => {
    const data = { attempt: 2, targetId: 't1' };
    expect(fitRetryData(data)).toBe(data);
  });

  it('drops the largest fields until the JSON fits, and says how many were dropped', () => {
    const data = { attempt: 3, note: 'x'.repeat(3000), trace: 'y'.repeat(2000), targetId: 't1' };
    const fitted = fitRetryData(data, 4000);
    expect(fitted).toEqual({
      attempt: 3,
      trace: 'y'.repeat(2000),
      targetId: 't1',
      [RETRY_DATA_TRIMMED_FIELD]: 1,
    });
    expect(bytes(fitted)).toBeLessThanOrEqual(4000);
  });

  it('counts bytes, not characters', () => {
    const fitted = fitRetryData({ attempt: 1, text: 'é'.repeat(2500) }, 4000);
    expect(fitted).toEqual({ attempt: 1, [RETRY_DATA_TRIMMED_FIELD]: 1 });
  });

  it('still returns an object when nothing fits', () => {
    expect(fitRetryData({ a: 'x'.repeat(100) }, 40)).toEqual({ [RETRY_DATA_TRIMMED_FIELD]: 1 });
  });
});
