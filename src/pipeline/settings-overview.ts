import { isLicensed, type LicenceContext } from '../domain/licence';
import { spaceMappingSchema, type SpaceMapping } from '../domain/settings';
import { ENTITIES } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';
import { anyTargetSchema, targetUrls, type AnyTarget } from './settings/any-target';
import type {
  EgressCheck,
  OfferedTarget,
  SettingsScope,
  SettingsView,
  TargetView,
} from './settings/settings-api';
import { secretIsSet } from './settings/target-secrets';
import { SettingsRepo } from './settings-repo';

/** Every stored target of any kind the page manages, and every mapping (invalid items are logged). */
export async function loadEditable(
  platform: Platform,
): Promise<{ targets: AnyTarget[]; mappings: SpaceMapping[] }> {
  const repo = new SettingsRepo(platform.store, platform.log);
  const targets = await repo.loadEntity(ENTITIES.target.name, (v) => anyTargetSchema.safeParse(v));
  const mappings = await repo.loadEntity(ENTITIES.spaceMapping.name, (v) => spaceMappingSchema.safeParse(v));
  return { targets, mappings };
}

/**
 * Whether the app may reach each URL field's host: Forge's own answer (`permissions.canFetchFrom`),
 * which covers the manifest's egress list; that it also covers domains an admin approved through
 * customer-managed egress is UNVERIFIED. Without the check (Node), or when the runtime cannot say
 * (@forge/api throws ApiNotReadyError without permission data), the host counts as allowed: the
 * adapters still name a denial when a request is refused.
 */
export async function egressChecks(platform: Platform, target: AnyTarget): Promise<EgressCheck[]> {
  const allowed = async (url: string) => {
    try {
      return (await platform.http.egressAllowed?.(url)) ?? true;
    } catch (error) {
      platform.log.warn('egress permissions could not be read', { error: String(error) });
      return true;
    }
  };
  return Promise.all(
    targetUrls(target).map(async ({ field, url }) => ({
      field,
      host: new URL(url).host,
      allowed: await allowed(url),
    })),
  );
}

export async function targetView(platform: Platform, target: AnyTarget): Promise<TargetView> {
  return {
    target,
    secretSet: await secretIsSet(platform.secrets, target),
    egress: await egressChecks(platform, target),
  };
}

function offered(target: AnyTarget, spaceKey: string | undefined): OfferedTarget {
  const base = {
    id: target.id,
    name: target.name,
    kind: target.kind,
    enabled: target.enabled,
    whenIneligible: target.whenIneligible,
  };
  if (target.kind !== 'halo') return base;
  const faqLists =
    spaceKey === undefined
      ? target.faqLists
      : Object.fromEntries(Object.entries(target.faqLists).filter(([key]) => key === spaceKey));
  return { ...base, faqLists };
}

/**
 * What a settings page shows: never a secret, only whether one is set. A space admin sees the
 * enabled targets by name and kind (and the FAQ list of that space), and that space's mapping only.
 */
export async function settingsOverview(
  platform: Platform,
  context: LicenceContext,
  scope: SettingsScope,
): Promise<SettingsView> {
  const { targets, mappings } = await loadEditable(platform);
  const licensed = isLicensed(context);
  if (scope.kind === 'space') {
    return {
      scope,
      licensed,
      targets: [],
      offered: targets.filter((t) => t.enabled).map((t) => offered(t, scope.spaceKey)),
      mappings: mappings.filter((m) => m.spaceKey === scope.spaceKey),
    };
  }
  return {
    scope,
    licensed,
    targets: await Promise.all(targets.map((t) => targetView(platform, t))),
    offered: targets.map((t) => offered(t, undefined)),
    mappings,
  };
}
