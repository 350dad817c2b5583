import { ENTITIES, keys } from '../../../src/domain/storage-layout';
import {
  markPurge,
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

type Kit = ReturnType<typeof activityPlatform>;

const purge = async (kit: Kit, targetId: string) =>
  startPurge(kit.platform, targetId, await markPurge(kit.platform, targetId));

/**
 * Runs the queued purge steps in order, as the consumer would, letting the virtual clock reach each
 * step's delay first; `before` runs before each step. Returns how many ran.
 */
async function runSteps(kit: Kit, before: (n: number) => Promise<void> = async () => {}): Promise<number> {
  let ran = 0;
  while (kit.queue.jobs.length > ran) {
    const job = kit.queue.jobs[ran]!;
    await kit.clock.advanceBy((job.delayInSeconds ?? 0) * 1000);
    await before(ran);
    await purgeStep(kit.platform, purgeStepSchema.parse(job.body).purge);
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
      `${keys.haloWindow('kb')}:17`,
      `${keys.haloWindow('kb')}:saturated`,
      `${keys.bitrixWindow('kb')}:3`,
      keys.haloFaqList('kb', 'DOCS'),
      `${keys.line('kb')}:000001:a`,
      keys.lineDrain('kb'),
      keys.bitrixTask('kb', 'UF_X', '12'),
    ];
    const others = [
      keys.rate('kb2'),
      `${keys.haloWindow('kb2')}:17`,
      keys.haloFaqList('kb2', 'DOCS'),
      `${keys.line('kb2')}:000001:a`,
      keys.lineDrain('kb2'),
    ];
    for (const key of [...own, ...others]) await store.set(key, { any: 1 });
    for (let i = 0; i < 45; i++) await store.set(`${keys.line('kb')}:0000${10 + i}:x`, { any: 1 });

    await purge(kit, 'kb');
    expect(await purgePending(platform, 'kb')).toBe(true);
    const steps = await runSteps(kit);

    // 250 rows at 100 a step, then the keys, then one more pass once deliveries under way have settled.
    expect(steps).toBe(4);
    expect(kit.queue.jobs.slice(1).every((job) => (job.delayInSeconds ?? 0) > 0)).toBe(true);
    const left = await store.query({ entity: LEDGER, index: 'by-target', partition: ['kb'] });
    expect(left.items).toEqual([]);
    for (const key of own) expect(await store.get(key)).toBeUndefined();
    expect((await store.listByPrefix(`${keys.line('kb')}:`)).items).toEqual([]);
    for (const key of others) expect(await store.get(key)).toEqual({ any: 1 });
    expect(await store.getEntity(LEDGER, keys.ledger('700', 'kb2'))).toBeDefined();
    expect(await purgePending(platform, 'kb')).toBe(false);
  });

  it('clears what a delivery under way at the removal writes afterwards, before it frees the id', async () => {
    const kit = activityPlatform();
    const { store, platform } = kit;
    await store.setEntity(LEDGER, keys.ledger('1', 'kb'), ledgerRow('1', 'kb', T0 - 1));
    await purge(kit, 'kb');
    await runSteps(kit, async (n) => {
      // After the first step, a delivery that had claimed its row before the removal settles it.
      if (n === 1) await store.setEntity(LEDGER, keys.ledger('2', 'kb'), ledgerRow('2', 'kb', T0 + 1));
    });
    expect(await store.getEntity(LEDGER, keys.ledger('1', 'kb'))).toBeUndefined();
    expect(await store.getEntity(LEDGER, keys.ledger('2', 'kb'))).toBeUndefined();
    expect(await purgePending(platform, 'kb')).toBe(false);
  });

  it('a step delivered twice runs once, and a step of an older removal does nothing', async () => {
    const kit = activityPlatform();
    const { platform, clock, queue } = kit;
    await purge(kit, 'kb');
    const first = purgeStepSchema.parse(queue.jobs[0]!.body).purge;
    expect(await purgeStep(platform, first)).toBe('more');
    expect(await purgeStep(platform, first)).toBe('done');
    expect(queue.jobs).toHaveLength(2);

    await clock.advanceBy(1000);
    await purge(kit, 'kb');
    const second = purgeStepSchema.parse(queue.jobs[1]!.body).purge;
    expect(await purgeStep(platform, second)).toBe('done');
    expect(await purgePending(platform, 'kb')).toBe(true);
  });

  it('clears nothing when the target is still there (its removal failed after the mark)', async () => {
    const kit = activityPlatform();
    const { store, platform } = kit;
    await store.setEntity(ENTITIES.target.name, 'kb', { kind: 'webhook', rev: 3, updatedAt: T0 });
    await store.setEntity(LEDGER, keys.ledger('1', 'kb'), ledgerRow('1', 'kb', T0 - 1));
    await purge(kit, 'kb');
    await runSteps(kit);
    expect(await store.getEntity(LEDGER, keys.ledger('1', 'kb'))).toBeDefined();
    expect(await purgePending(platform, 'kb')).toBe(false);
  });

  it('the sweep starts a purge again when its job was lost, not while it is moving', async () => {
    const kit = activityPlatform();
    const { platform, clock, queue } = kit;
    await purge(kit, 'kb');
    queue.pushes.length = 0; // the first step's push is lost
    await clock.advanceBy(5 * 60_000);
    expect(await resumePurges(platform)).toEqual([]);
    await clock.advanceBy(6 * 60_000);
    expect(await resumePurges(platform)).toEqual(['kb']);
    expect(await resumePurges(platform)).toEqual([]);
    // Long after the removal: one step clears everything and ends.
    expect(await runSteps(kit)).toBe(1);
    expect(await purgePending(platform, 'kb')).toBe(false);
  });
});
