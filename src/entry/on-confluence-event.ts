import type { InvocationError } from '@forge/events';
import type { LicenceContext } from '../domain/licence';
import { handleConfluenceEvent } from '../pipeline/handle-event';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { toInvocationResult } from '../platform/forge/to-forge-job';

/** Trigger for the Confluence page, comment and label events listed in manifest.yml. */
export async function onConfluenceEvent(
  event: unknown,
  context?: LicenceContext,
): Promise<InvocationError | undefined> {
  const outcome = await handleConfluenceEvent(createForgePlatform(), event, context);
  return toInvocationResult(outcome);
}
