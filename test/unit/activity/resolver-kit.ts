/**
 * The resolvers under test registered on a real @forge/resolver Resolver and invoked the way the
 * Forge runtime invokes them: `getDefinitions()` takes `{call: {functionKey, payload}, context}` and
 * the backend runtime payload, whose `principal.accountId` and `license` replace what the frontend
 * claims. Storage and queue are the in-memory kvs and a limit-checking queue; Confluence answers
 * rights reads (v1 user operations, v2 space operations) and the page as the calling user would.
 */
import Resolver from '@forge/resolver';
import { secretKeys } from '../../../src/domain/storage-layout';
import { haloTargetSchema, spaceMappingSchema, webhookTargetSchema } from '../../../src/domain/settings';
import { defineActivityOperations } from '../../../src/entry/activity-operations';
import { defineBylineOperations } from '../../../src/entry/byline-operations';
import { SettingsRepo } from '../../../src/pipeline/settings-repo';
import type { ConfluenceApi } from '../../../src/ports/confluence-api';
import { activityPlatform, T0 } from './activity-kit';
import { PAGE, userSite, type Viewer } from './user-site';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const HOOK_URL = 'https://hooks.example.com/relay/in?token=internal-routing';
export const CURRENT_USER = '/wiki/rest/api/user/current?expand=operations';
export const SPACE_QM = '/wiki/api/v2/spaces/539099246?include-operations=true';

export type Role = 'site-admin' | 'space-admin' | 'nobody';

/** Rights reads (v1 user operations, v2 space operations), then the page as `viewer` sees it. */
function site(role: Role, viewer: Viewer, seen: string[]): ConfluenceApi {
  const page = userSite(viewer, seen);
  const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  return {
    async request(path) {
      if (path === CURRENT_USER) {
        seen.push(path);
        const ops = [{ operation: 'use', targetType: 'application' }];
        if (role === 'site-admin') ops.push({ operation: 'administer', targetType: 'application' });
        return ok({ type: 'known', accountId: 'acc-1', displayName: 'Ada', operations: ops });
      }
      if (path === SPACE_QM) {
        seen.push(path);
        const ops = [{ operation: 'read', targetType: 'space' }];
        if (role !== 'nobody') ops.push({ operation: 'administer', targetType: 'space' });
        return ok({ id: '539099246', key: 'QM', name: 'Manual', operations: { results: ops } });
      }
      return page.request(path);
    },
  };
}

export async function setUp(role: Role, viewer: Viewer = 'editor') {
  const env = activityPlatform();
  const seen: string[] = [];
  const settings = new SettingsRepo(env.store, env.platform.log);
  await settings.saveTarget(
    webhookTargetSchema.parse({
      id: 'hooks',
      name: 'Knowledge hooks',
      kind: 'webhook',
      url: HOOK_URL,
      formats: ['storage', 'markdown'],
    }),
    0,
    T0,
  );
  await settings.saveTarget(
    haloTargetSchema.parse({
      id: 'halo',
      name: 'Service desk KB',
      kind: 'halo',
      baseUrl: 'https://acme.haloitsm.com',
      clientId: 'relay',
      faqLists: { QM: 17 },
    }),
    0,
    T0,
  );
  await settings.saveMapping(
    spaceMappingSchema.parse({ spaceKey: 'QM', targets: [{ targetId: 'hooks' }, { targetId: 'halo' }] }),
    0,
    T0,
  );
  await env.platform.secrets.setSecret(secretKeys.webhookSecrets('hooks'), JSON.stringify([SECRET]));
  await env.platform.secrets.setSecret(secretKeys.haloClientSecret('halo'), 'halo-client-secret-value');
  const deps = { platform: () => env.platform, asUser: () => site(role, viewer, seen) };
  const settingsResolver = defineActivityOperations(new Resolver(), deps).getDefinitions();
  const bylineResolver = defineBylineOperations(new Resolver(), deps).getDefinitions();
  const runtime = { principal: { accountId: 'acc-1' }, license: { isActive: true } };
  const extension =
    role === 'site-admin'
      ? { type: 'confluence:globalSettings' }
      : { type: 'confluence:spaceSettings', space: { id: '539099246', key: 'QM' } };
  const call = (functionKey: string, payload: unknown = {}) =>
    settingsResolver({ call: { functionKey, payload }, context: { extension } }, runtime) as Promise<
      Record<string, unknown>
    >;
  const byline = (functionKey: string, license = runtime.license) =>
    bylineResolver(
      {
        call: { functionKey, payload: { pageId: '1' } },
        context: {
          extension: {
            type: 'confluence:contentBylineItem',
            content: { id: PAGE, type: 'page' },
            space: { key: 'QM' },
          },
        },
      },
      { ...runtime, license },
    ) as Promise<Record<string, unknown>>;
  return { ...env, seen, call, byline };
}
