import { PAGE_URL, attempt, linkTasks, pageEvent, startBitrixKit, upsert } from './bitrix-kit';
import type { BitrixKit } from './bitrix-kit';

describe('Bitrix24: the server-side filter on the task field', () => {
  let kit: BitrixKit;
  afterEach(() => kit.close());

  it('is proven and used where the portal filters: a task linked after the last scan is found', async () => {
    kit = await startBitrixKit({ userFieldFilter: true });
    linkTasks(kit, 1);
    const adapter = kit.adapter();
    await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.model.messages).toHaveLength(1);
    linkTasks(kit, 1, [PAGE_URL]); // within the scan's minute
    kit.portal.resetStats();
    await kit.clock.advanceBy(10_000);
    const result = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(result.kind === 'delivered' && result.note).toBe('2 of 2 message(s) sent');
    expect(kit.portal.stats().byMethod).toEqual({ 'tasks.task.list': 1, batch: 1 });
  });

  it('is not used where the portal ignores it: the index alone answers', async () => {
    kit = await startBitrixKit();
    linkTasks(kit, 1);
    const adapter = kit.adapter();
    await adapter.deliver(upsert(pageEvent('updated')), attempt());
    linkTasks(kit, 1, [PAGE_URL]);
    kit.portal.resetStats();
    await kit.clock.advanceBy(10_000);
    const fresh = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(fresh.kind === 'delivered' && fresh.note).toBe('1 of 1 message(s) sent');
    expect(kit.portal.stats().byMethod).toEqual({ batch: 1 });
    await kit.clock.advanceBy(61_000);
    const later = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(later.kind === 'delivered' && later.note).toBe('2 of 2 message(s) sent');
  });

  it('is never probed when the target says off', async () => {
    kit = await startBitrixKit({ userFieldFilter: true });
    linkTasks(kit, 1);
    await kit.adapter({ serverSideFilter: 'off' }).deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.stats().byMethod).toEqual({
      'task.item.userfield.getlist': 1,
      'tasks.task.list': 1,
      batch: 1,
    });
  });
});
