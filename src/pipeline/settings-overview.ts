import { isLicensed, type LicenceContext } from '../domain/licence';
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
export async function settingsOverview(
  platform: Platform,
  context: LicenceContext,
  spaceKey?: string,
): Promise<Overview> {
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  const targets = await Promise.all(
    settings.targets.map(async (t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      enabled: t.enabled,
      disabledReason: t.disabledReason,
      secretSet: Boolean(await platform.secrets.getSecret(secretKeys.webhookSecrets(t.id))),
    })),
  );
  const mappings = settings.mappings
    .filter((m) => spaceKey === undefined || m.spaceKey === spaceKey)
    .map((m) => ({ spaceKey: m.spaceKey, targetIds: m.targets.map((t) => t.targetId) }));
  return { licensed: isLicensed(context), targets, mappings };
}
