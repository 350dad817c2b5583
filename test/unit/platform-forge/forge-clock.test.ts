import { ForgeClock } from '../../../src/platform/forge/forge-clock';

afterEach(() => jest.useRealTimers());

it('reads Date.now()', () => {
  jest.useFakeTimers({ now: 1_700_000_000_000 });
  expect(new ForgeClock().now()).toBe(1_700_000_000_000);
});

it('sleeps with setTimeout', async () => {
  jest.useFakeTimers();
  const done = jest.fn();
  const sleeping = new ForgeClock().sleep(1000).then(done);
  await jest.advanceTimersByTimeAsync(999);
  expect(done).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(1);
  await sleeping;
  expect(done).toHaveBeenCalled();
});

it('rejects with the abort reason, immediately or while sleeping', async () => {
  jest.useFakeTimers();
  const clock = new ForgeClock();
  const aborted = new AbortController();
  aborted.abort(new Error('deadline'));
  await expect(clock.sleep(10, aborted.signal)).rejects.toThrow('deadline');
  const later = new AbortController();
  const sleeping = clock.sleep(10_000, later.signal);
  later.abort(new Error('stop'));
  await expect(sleeping).rejects.toThrow('stop');
  expect(jest.getTimerCount()).toBe(0);
});
