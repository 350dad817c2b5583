import type { z } from 'zod';
import { assertNever } from '../../domain/assert-never';
import {
  bitrixTargetSchema,
  haloTargetSchema,
  targetSchema,
  webhookTargetSchema,
} from '../../domain/settings';
import { secretKeys } from '../../domain/storage-layout';

/**
 * Every target kind the settings page manages. `targetSchema` gains the Bitrix24 kind when its
 * adapter lands; `.or` parses a stored Bitrix24 target either way (and is a no-op once it is there).
 */
export const anyTargetSchema = targetSchema.or(bitrixTargetSchema);
export type AnyTarget = z.infer<typeof anyTargetSchema>;
export type AnyTargetKind = AnyTarget['kind'];

export const TARGET_KINDS = ['webhook', 'halo', 'bitrix24'] as const satisfies readonly AnyTargetKind[];

export function isTargetKind(value: unknown): value is AnyTargetKind {
  return TARGET_KINDS.some((kind) => kind === value);
}

/** The schema of one kind, so that errors name that kind's fields (a union would blur them). */
export function schemaForKind(kind: AnyTargetKind) {
  switch (kind) {
    case 'webhook':
      return webhookTargetSchema;
    case 'halo':
      return haloTargetSchema;
    case 'bitrix24':
      return bitrixTargetSchema;
    default:
      return assertNever(kind, 'target kind');
  }
}

/** The URL fields of a target whose hosts Relay must be allowed to reach (egress). */
export function targetUrls(target: AnyTarget): Array<{ field: string; url: string }> {
  switch (target.kind) {
    case 'webhook':
      return [{ field: 'url', url: target.url }];
    case 'halo':
      return [
        { field: 'baseUrl', url: target.baseUrl },
        ...(target.authUrl ? [{ field: 'authUrl', url: target.authUrl }] : []),
      ];
    case 'bitrix24':
      return [{ field: 'portalUrl', url: target.portalUrl }];
    default:
      return assertNever(target, 'target kind');
  }
}

/** Every secret-storage key a target owns (removed with the target). */
export function secretKeysOf(target: Pick<AnyTarget, 'id' | 'kind'>): string[] {
  switch (target.kind) {
    case 'webhook':
      return [secretKeys.webhookSecrets(target.id)];
    case 'halo':
      return [secretKeys.haloClientSecret(target.id), secretKeys.haloToken(target.id)];
    case 'bitrix24':
      return [secretKeys.bitrixWebhookUrl(target.id)];
    default:
      return assertNever(target.kind, 'target kind');
  }
}
