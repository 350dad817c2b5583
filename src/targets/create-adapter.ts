import type { ConvertFormat } from '../convert/convert-result';
import { assertNever } from '../domain/assert-never';
import type { TargetSettings } from '../domain/settings';
import { BitrixAdapter } from './bitrix24/bitrix-adapter';
import { BUCKET } from './bitrix24/bitrix-transport';
import { HaloAdapter } from './halo/halo-adapter';
import type { TargetAdapter, TargetDeps } from './target-adapter';
import { WebhookAdapter } from './webhook/webhook-adapter';

/** The one place that maps a target kind to its adapter. */
export function createAdapter(target: TargetSettings, deps: TargetDeps): TargetAdapter {
  switch (target.kind) {
    case 'webhook':
      return new WebhookAdapter(target, deps);
    case 'halo':
      return new HaloAdapter(target, deps);
    case 'bitrix24':
      return new BitrixAdapter(target, deps);
    default:
      return assertNever(target, 'target kind');
  }
}

/** The converted formats a target needs of a page body (converted once per event for all). */
export function formatsFor(target: TargetSettings): ConvertFormat[] {
  switch (target.kind) {
    case 'webhook':
      return target.formats.filter((f): f is ConvertFormat => f !== 'storage');
    case 'halo':
      return ['html'];
    case 'bitrix24':
      // BB-code for message summaries; plain text where the BB-code's first lines do not fit.
      return ['bbcode', 'text'];
    default:
      return assertNever(target, 'target kind');
  }
}

/** How far apart waiting deliveries come back while a target is throttled (its pace). */
/**
 * Deliveries a drain of the target's waiting line runs at once (pipeline/waiting-line.ts). Bitrix24
 * allows 2 calls a second and a delivery spends most of its time reading Confluence and storage,
 * so several run side by side while the adapter keeps the bucket; a Halo delivery makes two calls
 * against 1 a second, and ones running side by side would only waste reads on throttled turns.
 */
export function drainWorkersFor(target: TargetSettings): number {
  switch (target.kind) {
    case 'webhook':
      return 4;
    case 'halo':
      return 1;
    case 'bitrix24':
      return 6;
    default:
      return assertNever(target, 'target kind');
  }
}

export function spacingFor(target: TargetSettings): number {
  switch (target.kind) {
    case 'webhook':
      return 1000;
    case 'halo':
      // Tight on purpose: Halo's window frees slots in bursts (as old requests age out), and a
      // delivery that comes a little early keeps its place at the front (rate-state.ts).
      return 500;
    case 'bitrix24':
      // The bucket's own pace (bitrix-bucket.ts): one request per drain interval.
      return 1000 / BUCKET.perSecond;
    default:
      return assertNever(target, 'target kind');
  }
}

/**
 * Where people open the record a page became at the target, when the target has one to open.
 * Halo: the agent view of a KB article, `{baseUrl}/kb?id={id}` (UNVERIFIED: the URL pattern is not
 * in Halo's API documentation; taken from how Halo links articles in its own UI).
 */
export function remoteLink(target: TargetSettings, remoteId: string): string | undefined {
  switch (target.kind) {
    case 'webhook':
      return undefined;
    case 'halo':
      return `${target.baseUrl.replace(/\/+$/, '')}/kb?id=${encodeURIComponent(remoteId)}`;
    case 'bitrix24':
      // A page becomes messages in many tasks and chats, not one record to open.
      return undefined;
    default:
      return assertNever(target, 'target kind');
  }
}
