import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_SCENARIO, loadScenario } from '../sandbox/scenario/load-scenario';
import { runScenario } from '../sandbox/scenario/run-scenario';
import { eventRows, summaryLines } from '../sandbox/scenario/scenario-report';

/**
 * `relay sandbox [--scenario FILE] [--report FILE] [--quiet]`: replays a scenario against the
 * loopback stand-ins and exits non-zero when a target's final state differs from the expectation.
 */
export async function sandboxCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string' },
      report: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const loaded = loadScenario(values.scenario ?? DEMO_SCENARIO);
  const say = (line: string) => {
    if (!values.quiet) console.log(line);
  };
  say(`Relay sandbox: ${loaded.scenario.name}`);
  const result = await runScenario(loaded, say);
  say('');
  for (const line of eventRows(result)) say(line);
  say('');
  for (const line of summaryLines(result)) console.log(line);
  if (values.report) {
    writeFileSync(
      values.report,
      JSON.stringify(
        {
          name: result.name,
          targets: result.targets,
          deliveries: result.deliveries,
          mismatches: result.mismatches,
          violations: result.violations,
          stats: result.stats,
        },
        null,
        2,
      ),
    );
    say(`Report written to ${values.report}`);
  }
  return result.mismatches.length + result.violations.length === 0 ? 0 : 1;
}
