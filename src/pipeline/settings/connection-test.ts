import { z } from 'zod';
import { assertNever } from '../../domain/assert-never';
import { ENTITIES } from '../../domain/storage-layout';
import type { Platform } from '../../ports/platform';
import { BitrixAdapter } from '../../targets/bitrix24/bitrix-adapter';
import { HaloAdapter } from '../../targets/halo/halo-adapter';
import type { ConnectionTest, TargetDeps } from '../../targets/target-adapter';
import { WebhookAdapter } from '../../targets/webhook/webhook-adapter';
import { egressChecks } from '../settings-overview';
import { anyTargetSchema, type AnyTarget } from './any-target';
import type { Answer, ConnectionResult } from './settings-api';

/** Well under the resolver's 25 s: the answer, or a clear "no answer", reaches the admin in time. */
export const CONNECTION_TEST_SECONDS = 10;

const payloadSchema = z.object({ id: z.string().min(1) });

function testTarget(target: AnyTarget, deps: TargetDeps, signal: AbortSignal): Promise<ConnectionTest> {
  switch (target.kind) {
    case 'webhook':
      return new WebhookAdapter(target, deps).testConnection(signal);
    case 'halo':
      return new HaloAdapter(target, deps).testConnection(signal);
    case 'bitrix24':
      // Bounded by the deadline below; the portal's client has no abort of its own.
      return new BitrixAdapter(target, deps).testConnection();
    default:
      return assertNever(target, 'target kind');
  }
}

/** The adapter's answer, or "no answer in time" if it ignores the abort. */
function withDeadline(run: (signal: AbortSignal) => Promise<ConnectionTest>, seconds: number) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ConnectionTest>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, reason: `no answer within ${seconds} s`, field: 'url' });
    }, seconds * 1000);
  });
  return Promise.race([run(controller.signal), late]).finally(() => clearTimeout(timer));
}

/**
 * "Test connection" of a saved target, the only time a resolver calls a target. A host the app may
 * not reach is named without any request (and the page offers the way to allow it).
 */
export async function testConnection(
  platform: Platform,
  payload: unknown,
): Promise<Answer<ConnectionResult>> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success)
    return { status: 'refused', refusal: { code: 'badRequest', message: 'id is missing' } };
  const stored = anyTargetSchema.safeParse(
    await platform.store.getEntity(ENTITIES.target.name, parsed.data.id),
  );
  if (!stored.success)
    return { status: 'refused', refusal: { code: 'unknownTarget', targetId: parsed.data.id } };
  const target = stored.data;
  const blocked = (await egressChecks(platform, target)).find((check) => !check.allowed);
  if (blocked)
    return {
      ok: false,
      reason: `egress to ${blocked.host} is not allowed`,
      field: blocked.field,
      egressHost: blocked.host,
    };
  const deps: TargetDeps = {
    http: platform.http,
    secrets: platform.secrets,
    store: platform.store,
    clock: platform.clock,
    log: platform.log,
  };
  const result = await withDeadline((signal) => testTarget(target, deps, signal), CONNECTION_TEST_SECONDS);
  platform.log.info('connection tested', { targetId: target.id, ok: result.ok });
  return result;
}
