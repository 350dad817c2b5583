import { permissions, type EgressSetPayload } from '@forge/bridge';

type EgressKind = EgressSetPayload['egresses'][number]['configured'][number]['type'][number];
/** `EgressType.FetchBackendSide` of @forge/egress (a dependency of the bridge, not of the app). */
const FETCH_BACKEND_SIDE = 'FETCH_BACKEND_SIDE' as EgressKind;

/**
 * Customer-managed egress (Forge EAP, `permissions.external.configurable` in manifest.yml): whether
 * the site offers it is UNVERIFIED beyond this — the bridge's `permissions.egress.get` answers
 * where it does and rejects where it does not.
 */
export async function siteOffersEgressApproval(): Promise<boolean> {
  try {
    await permissions.egress.get({});
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks an admin to approve backend fetches to `host` (Forge shows its own confirmation; the
 * promise rejects when refused). One group per target, so approving one never drops another
 * (that `set` replaces a group's domains, and the key format, are UNVERIFIED: EAP docs only).
 */
export async function approveEgress(targetId: string, host: string): Promise<void> {
  await permissions.egress.set({
    egresses: [
      {
        key: `relay-target-${targetId}`,
        description: `Relay for Confluence delivers pages of target ${targetId} to ${host}`,
        configured: [{ domain: `https://${host}`, type: [FETCH_BACKEND_SIDE] }],
      },
    ],
  });
}
