import { loadScenario } from '../../src/sandbox/scenario/load-scenario';
import { runScenario } from '../../src/sandbox/scenario/run-scenario';

describe('the demo scenario (npm start)', () => {
  it('leaves every target in the expected state, with no receiver violation', async () => {
    const loaded = loadScenario();
    const result = await runScenario(loaded);
    expect(result.mismatches).toEqual([]);
    expect(result.violations).toEqual([]);
    // Restricted pages (own and inherited restriction) never reached any receiver.
    const deliveredPages = new Set(
      result.deliveries.filter((d) => d.status === 'delivered').map((d) => d.pageId),
    );
    const secretIds = result.steps
      .filter((s) => s.step === 'update-page' && (s.index === 3 || s.index === 4))
      .map((s) => s.pageId);
    expect(secretIds).toHaveLength(2);
    for (const id of secretIds) expect(deliveredPages.has(id!)).toBe(false);
    // Faults were met and retried, malformed events were logged, the unmapped space produced nothing.
    expect(result.deliveries.some((d) => d.status === 'retrying' && d.httpStatus === 503)).toBe(true);
    expect(result.deliveries.filter((d) => d.status === 'rejected')).toHaveLength(2);
    // Only the selector target maps HR.
    const hr = result.deliveries.filter((d) => d.spaceKey === 'HR' && d.status === 'delivered');
    expect([...new Set(hr.map((d) => d.targetId))]).toEqual(['ops-feed']);
    // Every rule is seen at work, with its reason in the log.
    const reasons = result.deliveries.filter((d) => d.status === 'skipped').map((d) => d.reason ?? '');
    for (const rule of [
      'carries none of the labels kb',
      'is not verified',
      'is not below page',
      'blocked by a read restriction',
    ]) {
      expect(reasons.some((r) => r.includes(rule))).toBe(true);
    }
  });
});
