import { SystemClock } from '../../../src/platform/node/system-clock';
import { DEFAULT_VIRTUAL_START, VirtualClock } from '../../../src/platform/node/virtual-clock';

describe('VirtualClock', () => {
  it('starts on Monday 5 January 2026 09:00 UTC unless told otherwise', () => {
    expect(new VirtualClock().now()).toBe(Date.UTC(2026, 0, 5, 9, 0, 0));
    expect(DEFAULT_VIRTUAL_START).toBe(Date.UTC(2026, 0, 5, 9, 0, 0));
    expect(new VirtualClock(1000).now()).toBe(1000);
  });

  it('fires timers in time order, then registration order, each at its own time', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    const record = (name: string) => () => fired.push(`${name}@${clock.now()}`);
    void clock.sleep(30).then(record('c'));
    void clock.sleep(10).then(record('a'));
    void clock.sleep(30).then(record('d'));
    void clock.sleep(20).then(record('b'));
    await clock.advanceTo(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@30', 'd@30']);
    expect(clock.now()).toBe(100);
  });

  it('completes chained sleeps within one advance', async () => {
    const clock = new VirtualClock(0);
    const wakeups: number[] = [];
    const chain = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(10);
        wakeups.push(clock.now());
      }
    };
    const done = chain();
    await clock.advanceBy(30);
    await done;
    expect(wakeups).toEqual([10, 20, 30]);
  });

  it('leaves timers that are not yet due, and reports the next one', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    void clock.sleep(20).then(() => (fired = true));
    await clock.advanceBy(15);
    expect(fired).toBe(false);
    expect(clock.nextTimerAt()).toBe(20);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advanceBy(5);
    expect(fired).toBe(true);
    expect(clock.nextTimerAt()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects an aborted sleep with the signal reason and forgets its timer', async () => {
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers()).toBe(0);
    await expect(clock.sleep(10, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('resolves a zero sleep at once and refuses to go back in time', async () => {
    const clock = new VirtualClock(50);
    await expect(clock.sleep(0)).resolves.toBeUndefined();
    await expect(clock.advanceTo(10)).rejects.toThrow(RangeError);
  });
});

describe('VirtualClock.settle', () => {
  it('moves time through the sleeps of work that mixes real I/O and clock waits', async () => {
    const clock = new VirtualClock(0);
    const work = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.sleep(500);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.sleep(250);
      return clock.now();
    };
    await expect(clock.settle(work())).resolves.toBe(750);
    expect(clock.now()).toBe(750);
  });

  it('passes a rejection on', async () => {
    const clock = new VirtualClock(0);
    const failing = async () => {
      await clock.sleep(100);
      throw new Error('boom');
    };
    await expect(clock.settle(failing())).rejects.toThrow('boom');
    expect(clock.now()).toBe(100);
  });
});

describe('SystemClock', () => {
  it('tells real time and sleeps for real', async () => {
    const clock = new SystemClock();
    const before = Date.now();
    await clock.sleep(20);
    expect(clock.now()).toBeGreaterThanOrEqual(before + 15);
  });

  it('rejects a sleep when aborted', async () => {
    const controller = new AbortController();
    const sleeping = new SystemClock().sleep(10_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
  });
});
