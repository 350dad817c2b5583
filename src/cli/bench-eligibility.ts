import { judge, type PageFacts } from '../domain/eligibility';
import type { SelectionRule } from '../domain/selection';
import { deliverJob } from '../pipeline/deliver-job';
import { scenarioSchema } from '../sandbox/scenario/scenario-schema';
import { startSandbox } from '../sandbox/scenario/sandbox-env';

const EVENTS = 50;
const CONFIGS: Array<{ name: string; entry: Record<string, unknown> }> = [
  { name: 'whole space, restricted pages opted in', entry: { pushRestricted: true } },
  {
    name: 'labels only, restricted pages opted in',
    entry: { pushRestricted: true, labels: { include: ['kb'] } },
  },
  { name: 'default deny (restriction check)', entry: {} },
  { name: 'verified only + restriction check', entry: { verifiedOnly: true } },
  {
    name: 'labels + verified + subtree + restrictions',
    entry: { verifiedOnly: true, labels: { include: ['kb'] }, subtree: 'level1' },
  },
];

/** REST calls per page event for a page five levels deep, per mapping configuration. */
async function callsFor(entry: Record<string, unknown>): Promise<number> {
  const levels = ['level0', 'level1', 'level2', 'level3', 'level4', 'leaf'];
  const scenario = scenarioSchema.parse({
    name: 'bench-eligibility',
    users: [{ accountId: 'u', displayName: 'U' }],
    spaces: [{ key: 'B', name: 'B' }],
    pages: levels.map((ref, i) => ({
      ref,
      space: 'B',
      title: ref,
      body: '<p>x</p>',
      author: 'u',
      parent: i > 0 ? levels[i - 1] : undefined,
      labels: ['kb'],
      state: 'Verified',
      restrictions: ref === 'level1' ? { update: ['u'] } : undefined,
    })),
    targets: [{ id: 'hooks', name: 'hooks', kind: 'webhook' }],
    mappings: [{ space: 'B', targets: [{ id: 'hooks', ...entry }] }],
    steps: [],
    expect: { targets: {} },
  });
  const env = await startSandbox(scenario, (v) => v);
  try {
    const pageId = env.refs.get('leaf')!;
    env.confluence.resetStats();
    for (let i = 0; i < EVENTS; i++) {
      env.state.updatePage(pageId, { body: `<p>${i}</p>` });
      const event = {
        kind: 'page',
        action: 'updated',
        pageId,
        minorEdit: false,
        suppressNotifications: false,
      };
      await deliverJob(
        env.platform,
        { body: { v: 1, event }, jobId: `j${i}`, eventId: `e${i}`, retryCount: 0 },
        {
          deadlineMs: env.clock.now() + 100_000,
        },
      );
    }
    const byRoute = env.confluence.stats().byRoute;
    const calls = Object.entries(byRoute).filter(([route]) => !route.includes('/rest/api/user'));
    return calls.reduce((sum, [, n]) => sum + n, 0) / EVENTS;
  } finally {
    await env.close();
  }
}

function decisionCost(): number {
  const rules: SelectionRule[] = [
    {
      spaceKey: 'B',
      labels: { include: ['kb', 'faq'], exclude: ['draft'], match: 'any' },
      verifiedStates: ['Verified'],
      subtreeRootId: '2',
      pushRestricted: false,
    },
    { spaceKey: 'B', labels: { include: ['howto'], exclude: [], match: 'all' }, pushRestricted: true },
  ];
  const facts: PageFacts = {
    status: 'current',
    labels: [
      { name: 'kb', prefix: 'global' },
      { name: 'team', prefix: 'team' },
    ],
    state: { name: 'Verified' },
    restriction: { restricted: false },
    ancestors: ['1', '2', '3', '4', '5'],
  };
  const rounds = 200_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) judge(rules, facts, 'B');
  return Number(process.hrtime.bigint() - started) / rounds;
}

export async function benchEligibility(): Promise<void> {
  console.log(
    'Eligibility: Confluence REST calls per page event, page five levels deep (author lookups apart)',
  );
  for (const config of CONFIGS)
    console.log(`  ${config.name.padEnd(48)} ${(await callsFor(config.entry)).toFixed(2)}`);
  console.log(`  decision cost per page (two rules, all facts known): ${decisionCost().toFixed(0)} ns`);
}
