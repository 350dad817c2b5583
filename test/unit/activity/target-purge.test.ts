import { ENTITIES, keys } from '../../../src/domain/storage-layout';
import {
  purgePending,
  purgeStep,
  purgeStepSchema,
  resumePurges,
  startPurge,
} from '../../../src/pipeline/target-purge';
import { activityPlatform, T0 } from './activity-kit';

const LEDGER = ENTITIES.ledger.name;

function ledgerRow(contentId: string, targetId: string, updatedAt: number) {
  return {
    contentId,
    targetId,
    version: 3,
    digest: 'd',
    fetchedAt: updatedAt,
    status: 'synced',
    rev: 1,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt,
  };
}

/** Runs every queued purge step (as the consumer would) until none is left; returns how many ran. */
async function runSteps(kit: ReturnType<typeof activityPlatform>): Promise<number> {
  let ran = 0;
  while (kit.queue.jobs.length > ran) {
    const step = purgeStepSchema.parse(kit.queue.jobs[ran]!.body);
    await purgeStep(kit.platform, step.purge);
    ran++;
  }
  return ran;
}

describe('clearing what was stored about a removed target', () => {
  it('deletes its ledger rows and keys, and nothing of a target whose id merely starts the same', async () => {
    const kit = activityPlatform();
    const { store, platform } = kit;
    for (let i = 0; i < 250; i++)
      await store.setEntity(LEDGER, keys.ledger(`${700 + i}`, 'kb'), ledgerRow(`${700 + i}`, 'kb', T0 - i));
    await store.setEntity(LEDGER, keys.ledger('700', 'kb2'), ledgerRow('700', 'kb2', T0));
    const own = [
      keys.rate('kb'),
      keys.haloWindow('kb'),
      keys.haloFaqList('kb', 'DOCS'),
      `${keys.line('kb')}:000001:a`,
      keys.lineDrain('kb'),
      keys.bitrixTask('kb', 'UF_X', '12'),
    ];
    const others = [
      keys.rate('kb2'),
      keys.haloFaqList('kb2', 'DOCS'),
      `${keys.line('kb2')}:000001:a`,
      keys.lineDrain('kb2'),
    ];
    for (const key of [...own, ...others]) await store.set(key, { any: 1 });

    await startPurge(platform, 'kb');
    expect(await purgePending(platform, 'kb')).toBe(true);
    const steps = await runSteps(kit);

    // 250 rows at 100 a step, then the keys: every next step is queued with a delay.
    expect(steps).toBe(3);
    expect(kit.queue.jobs.slice(1).every((job) => (job.delayInSeconds ?? 0) > 0)).toBe(true);
    const left = await store.query({ entity: LEDGER, index: 'by-target', partition: ['kb'] });
    expect(left.items).toEqual([]);
    for (const key of own) expect(await store.get(key)).toBeUndefined();
    for (const key of others) expect(await store.get(key)).toEqual({ any: 1 });
    expect(await store.getEntity(LEDGER, keys.ledger('700', 'kb2'))).toBeDefined();
    expect(await purgePending(platform, 'kb')).toBe(false);
  });

  it('keeps rows written after the removal, and a step of an older removal does nothing', async () => {
    const kit = activityPlatform();
    const { store, platform, clock } = kit;
    await store.setEntity(LEDGER, keys.ledger('1', 'kb'), ledgerRow('1', 'kb', T0 - 1));
    await startPurge(platform, 'kb');
    const first = purgeStepSchema.parse(kit.queue.jobs[0]!.body).purge;
    // A delivery already under way when the target was removed writes its row a moment later.
    await store.setEntity(LEDGER, keys.ledger('2', 'kb'), ledgerRow('2', 'kb', T0 + 1));
    await purgeStep(platform, first);
    expect(await store.getEntity(LEDGER, keys.ledger('1', 'kb'))).toBeUndefined();
    expect(await store.getEntity(LEDGER, keys.ledger('2', 'kb'))).toBeDefined();

    await clock.advanceBy(1000);
    await startPurge(platform, 'kb');
    expect(await purgeStep(platform, first)).toBe('done');
    expect(await purgePending(platform, 'kb')).toBe(true);
  });

  it('the sweep starts a purge again when its job was lost, not while it is moving', async () => {
    const kit = activityPlatform();
    const { platform, clock, queue } = kit;
    await startPurge(platform, 'kb');
    queue.pushes.length = 0; // the first step's push is lost
    await clock.advanceBy(5 * 60_000);
    expect(await resumePurges(platform)).toEqual([]);
    await clock.advanceBy(6 * 60_000);
    expect(await resumePurges(platform)).toEqual(['kb']);
    expect(await resumePurges(platform)).toEqual([]);
    expect(await runSteps(kit)).toBe(1);
    expect(await purgePending(platform, 'kb')).toBe(false);
  });
});
