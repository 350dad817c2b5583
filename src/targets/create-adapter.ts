import { assertNever } from '../domain/assert-never';
import type { TargetSettings } from '../domain/settings';
import type { TargetAdapter, TargetDeps } from './target-adapter';
import { WebhookAdapter } from './webhook/webhook-adapter';

/** The one place that maps a target kind to its adapter. */
export function createAdapter(target: TargetSettings, deps: TargetDeps): TargetAdapter {
  switch (target.kind) {
    case 'webhook':
      return new WebhookAdapter(target, deps);
    default:
      return assertNever(target.kind, 'target kind');
  }
}
