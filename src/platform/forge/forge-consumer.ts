import type { AsyncEvent, InvocationError } from '@forge/events';
import type { JobHandler } from '../../ports/job-queue';
import { toInvocationResult, toReceivedJob } from './to-forge-job';

/** Forge consumer handler signature (`consumer.function` in manifest.yml). */
export type ForgeConsumer = (event: AsyncEvent) => Promise<InvocationError | undefined>;

/**
 * Wraps a port JobHandler as a Forge queue consumer. Errors the handler throws propagate unchanged
 * (Forge then applies its own platform retry; whether that counts as an app retry is UNVERIFIED).
 */
export function toForgeConsumer(handler: JobHandler): ForgeConsumer {
  return async (event) => toInvocationResult(await handler(toReceivedJob(event)));
}
