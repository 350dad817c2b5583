import { SettingsRepo } from '../pipeline/settings-repo';
import { resumePurges } from '../pipeline/target-purge';
import { sweepLines } from '../pipeline/waiting-line';
import { createForgePlatform } from '../platform/forge/forge-platform';
import type { Platform } from '../ports/platform';

/**
 * The sweep itself: every target's waiting line without a live drain job gets one, and the clearing
 * of a removed target whose job was lost starts again.
 */
export async function sweepAllLines(platform: Platform): Promise<string[]> {
  const { targets } = await new SettingsRepo(platform.store, platform.log).load();
  const resumed = await sweepLines(
    platform,
    targets.map((t) => t.id),
  );
  if (resumed.length > 0) platform.log.info('waiting lines resumed', { targets: resumed.join(',') });
  const purges = await resumePurges(platform);
  if (purges.length > 0)
    platform.log.info('clearing of removed targets resumed', { targets: purges.join(',') });
  return resumed;
}

/**
 * Scheduled trigger (every five minutes, manifest `relay-line-sweep`): no delivery parked in a
 * waiting line is stranded by a drain job that was lost. Answers like a web trigger, as scheduled
 * triggers must (UNVERIFIED which fields Forge checks; a status code is what its examples return).
 */
export async function lineSweep(): Promise<{ statusCode: number }> {
  await sweepAllLines(createForgePlatform());
  return { statusCode: 204 };
}
