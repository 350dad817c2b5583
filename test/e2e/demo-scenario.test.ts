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
    expect(result.deliveries.some((d) => d.spaceKey === 'HR')).toBe(false);
  });
});
