import { deliverJob } from '../pipeline/deliver-job';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { toForgeConsumer } from '../platform/forge/forge-consumer';

/** Must match `timeoutSeconds` of the `deliver` function in manifest.yml. */
export const DELIVER_TIMEOUT_SECONDS = 120;
/** Stop starting work this long before the timeout; abort target calls a little earlier still. */
const MARGIN_MS = 20_000;

/** Consumer of the `relay-jobs` queue. */
export const deliver = toForgeConsumer(async (job) => {
  const platform = createForgePlatform();
  const budgetMs = DELIVER_TIMEOUT_SECONDS * 1000 - MARGIN_MS;
  return deliverJob(platform, job, {
    deadlineMs: platform.clock.now() + budgetMs,
    abortAfterMs: budgetMs + MARGIN_MS / 2,
  });
});
