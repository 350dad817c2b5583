import { haloTargetSchema } from '../../domain/settings';
import { secretKeys } from '../../domain/storage-layout';
import type { SecretStore } from '../../ports/secret-store';
import type { VirtualClock } from '../../platform/node/virtual-clock';
import { startFakeHalo, type FakeHalo } from '../fake-halo/fake-halo-server';
import type { ReceivedPage } from './check-expectations';
import type { FaultSpec, Scenario } from './scenario-schema';

const CLIENT = { clientId: 'relay-sandbox', clientSecret: 'halo-sandbox-secret' };
const TENANT = 'relay-demo';

/** Starts a fake Halo for a scenario target and returns its settings and secret, stored. */
export async function startHaloTarget(
  t: Scenario['targets'][number],
  clock: VirtualClock,
  secrets: SecretStore,
): Promise<{ halo: FakeHalo; settings: ReturnType<typeof haloTargetSchema.parse> }> {
  const halo = await startFakeHalo({ clock, tenant: TENANT, clients: [{ ...CLIENT }] });
  halo.injectFaults(haloFaults(t.faults));
  await secrets.setSecret(secretKeys.haloClientSecret(t.id), CLIENT.clientSecret);
  const settings = haloTargetSchema.parse({
    ...t.settings,
    id: t.id,
    name: t.name,
    kind: 'halo',
    baseUrl: halo.url,
    tenant: TENANT,
    clientId: CLIENT.clientId,
  });
  return { halo, settings };
}

/** Status faults apply to the article endpoint; other fault kinds are webhook-only. */
export function haloFaults(faults: FaultSpec[]) {
  return faults.flatMap((f) =>
    'status' in f && 'times' in f
      ? [
          {
            pathPrefix: '/api/KBArticle',
            status: f.status,
            times: f.times,
            retryAfterSeconds: f.retryAfterSeconds,
          },
        ]
      : [],
  );
}

/** The pages a fake Halo holds, found by their marker tag; two articles for one page is a violation. */
export function haloPages(halo: FakeHalo): { pages: Record<string, ReceivedPage>; violations: string[] } {
  const pages: Record<string, ReceivedPage> = {};
  const violations: string[] = [];
  for (const article of halo.state().articles) {
    const marker = article.tags.find((tag) => /^confluence-\d+$/.test(tag));
    if (!marker) continue;
    const pageId = marker.slice('confluence-'.length);
    if (pages[pageId]) violations.push(`two articles for page ${pageId}`);
    const labels = article.tags.filter((tag) => tag !== 'confluence' && tag !== marker);
    pages[pageId] = { present: true, version: 0, title: article.name, labels };
  }
  return { pages, violations };
}
