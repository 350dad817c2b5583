import type { BitrixTargetSettings } from '../../domain/settings';
import type { ConnectionTest, TargetDeps } from '../target-adapter';
import { BitrixClient } from './bitrix-client';
import { BitrixError } from './bitrix-errors';
import { taskFieldNames } from './portal-facts';

/** Scopes the target needs (B.1): tasks, chats, users. */
export const REQUIRED_SCOPES = ['task', 'im', 'user'] as const;

/**
 * Test connection: the webhook URL (form, portal), `scope` (what the webhook may do), and
 * `task.item.userfield.getlist` (the configured task field exists). Reasons name what to fix.
 */
export async function testBitrixConnection(
  settings: BitrixTargetSettings,
  deps: TargetDeps,
): Promise<ConnectionTest> {
  try {
    const client = await BitrixClient.open(settings, deps);
    const scope = await client.call('scope', {}, 'the list of scopes');
    const granted = Array.isArray(scope.result) ? scope.result.map(String) : [];
    const missing = REQUIRED_SCOPES.filter((s) => !granted.includes(s));
    if (missing.length > 0)
      return {
        ok: false,
        reason: `the webhook lacks the scope(s) ${missing.join(', ')}: edit the inbound webhook in Bitrix24 and tick them`,
        field: 'webhookUrl',
      };
    const names = await taskFieldNames(client);
    if (!names.includes(settings.userField))
      return {
        ok: false,
        reason: `the task field ${settings.userField} does not exist on ${client.webhook.host}: create it (string, multiple) or name the right field`,
        field: 'userField',
      };
    return {
      ok: true,
      detail: `connected to ${client.webhook.host}; scopes ${granted.join(', ')}; task field ${settings.userField} found`,
    };
  } catch (error) {
    if (error instanceof BitrixError)
      return { ok: false, reason: error.message, ...(error.kind === 'auth' ? { field: 'webhookUrl' } : {}) };
    throw error;
  }
}
