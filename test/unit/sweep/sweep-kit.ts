import type { LedgerRow } from '../../../src/domain/ledger';
import { LedgerRepo } from '../../../src/pipeline/ledger-repo';
import type { PushJob } from '../../../src/ports/job-queue';
import type { Platform } from '../../../src/ports/platform';
import { ConfluenceClient } from '../../../src/pipeline/confluence/confluence-client';
import { sweepStepSchema, type SweepStep } from '../../../src/pipeline/sweep';
import { scenarioSchema } from '../../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';

/** A sandbox site: DOCS with `count` pages (the first few restricted) and ENG with one, both mapped to `hooks`. */
export async function sweepSite(count: number, extra: { restricted?: number } = {}): Promise<SandboxEnv> {
  const pages = Array.from({ length: count }, (_, i) => ({
    ref: `p${i}`,
    space: 'DOCS',
    title: `Page ${i}`,
    body: `<p>Page ${i}</p>`,
    author: 'u1',
    ...(i < (extra.restricted ?? 0) && { restrictions: { read: ['u1'], update: [] } }),
  }));
  const scenario = scenarioSchema.parse({
    name: 'sweep',
    seed: 3,
    users: [{ accountId: 'u1', displayName: 'Alice' }],
    spaces: [
      { key: 'DOCS', name: 'Docs' },
      { key: 'ENG', name: 'Engineering' },
    ],
    pages: [...pages, { ref: 'eng', space: 'ENG', title: 'Elsewhere', body: '<p>e</p>', author: 'u1' }],
    targets: [{ id: 'hooks', name: 'Hooks', kind: 'webhook' }],
    mappings: [
      { space: 'DOCS', targets: ['hooks'] },
      { space: 'ENG', targets: ['hooks'] },
    ],
    steps: [],
    expect: { targets: {} },
  });
  return startSandbox(scenario, (v) => v);
}

/** The platform of `env` with a queue that only records what is pushed. */
export function recording(env: SandboxEnv): { platform: Platform; pushes: PushJob[][] } {
  const pushes: PushJob[][] = [];
  const platform: Platform = {
    ...env.platform,
    queue: {
      push: (jobs) => {
        pushes.push(structuredClone(jobs));
        return Promise.resolve();
      },
    },
  };
  return { platform, pushes };
}

export function client(platform: Platform): ConfluenceClient {
  return new ConfluenceClient(platform.confluence, () => platform.clock.now(), platform.http);
}

/** The sweep steps among pushed jobs. */
export function stepsIn(pushes: PushJob[][]): Array<{ job: PushJob; step: SweepStep['sweep'] }> {
  return pushes.flat().flatMap((job) => {
    const parsed = sweepStepSchema.safeParse(job.body);
    return parsed.success ? [{ job, step: parsed.data.sweep }] : [];
  });
}

/** Page ids queued among pushed jobs (re-evaluations, or missed changes for the reconcile). */
export function pagesIn(pushes: PushJob[][]): string[] {
  return pushes.flat().flatMap((job) => {
    const event = (job.body as { event?: { pageId: string; action: string } }).event;
    return event?.pageId === undefined ? [] : [event.pageId];
  });
}

/** Writes the ledger row of (page, `hooks`): delivered at `fields.version`, or as `fields` say. */
export async function ledgerRow(env: SandboxEnv, pageId: string, fields: Partial<LedgerRow>): Promise<void> {
  const row: LedgerRow = {
    contentId: pageId,
    targetId: 'hooks',
    version: 0,
    digest: '',
    fetchedAt: 0,
    status: 'synced',
    rev: 1,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt: env.clock.now(),
    ...fields,
  };
  const written = await new LedgerRepo(env.store).write(row, {
    operator: 'and',
    items: [{ field: 'rev', condition: { op: 'notExists' } }],
  });
  if (!written) throw new Error(`ledger row of ${pageId} exists`);
}
