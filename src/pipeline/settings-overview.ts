import { isLicensed, type LicenceContext } from '../domain/licence';
import type { TargetSettings } from '../domain/settings';
import { secretKeys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';
import { SettingsRepo } from './settings-repo';

export interface Overview {
  licensed: boolean;
  targets: Array<{
    id: string;
    name: string;
    kind: string;
    enabled: boolean;
    disabledReason?: string;
    secretSet: boolean;
  }>;
  mappings: Array<{ spaceKey: string; targetIds: string[] }>;
}

/** What the settings page shows: never a secret, only whether one is set. */
function secretKey(target: TargetSettings): string {
  return target.kind === 'halo'
    ? secretKeys.haloClientSecret(target.id)
    : secretKeys.webhookSecrets(target.id);
}

export async function settingsOverview(
  platform: Platform,
  context: LicenceContext,
  spaceKey?: string,
): Promise<Overview> {
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  const mappings = settings.mappings
    .filter((m) => spaceKey === undefined || m.spaceKey === spaceKey)
    .map((m) => ({ spaceKey: m.spaceKey, targetIds: m.targets.map((t) => t.targetId) }));
  // A space admin sees the targets the site admins offer by name only, never their error details.
  const visible = spaceKey === undefined ? settings.targets : settings.targets.filter((t) => t.enabled);
  const targets = await Promise.all(
    visible.map(async (t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      enabled: t.enabled,
      disabledReason: spaceKey === undefined ? t.disabledReason : undefined,
      secretSet: Boolean(await platform.secrets.getSecret(secretKey(t))),
    })),
  );
  return { licensed: isLicensed(context), targets, mappings };
}
