import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { scenarioSchema, type Scenario } from './scenario-schema';

export const DEMO_SCENARIO = resolve(__dirname, '../../../static/demo/scenario.yaml');

export interface LoadedScenario {
  scenario: Scenario;
  /** Resolves a `body` value: a file next to the scenario, or inline storage. */
  body(value: string): string;
}

/** Reads and validates a scenario; errors name the field. */
export function loadScenario(file: string = DEMO_SCENARIO): LoadedScenario {
  const parsed = scenarioSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file} is not a valid scenario:\n${issues}`);
  }
  const base = dirname(file);
  return {
    scenario: parsed.data,
    body(value) {
      if (!/\.(xml|html)$/.test(value)) return value;
      const path = join(base, value);
      if (!existsSync(path)) throw new Error(`${file}: body file ${value} not found`);
      return readFileSync(path, 'utf8');
    },
  };
}
