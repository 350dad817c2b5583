import type { LicenceContext } from '../domain/licence';
import type { Platform } from '../ports/platform';
import { testConnection } from './settings/connection-test';
import { deleteMapping, saveMapping } from './settings/mapping-operations';
import type { Answer, SettingsScope } from './settings/settings-api';
import { deleteTarget, saveTarget } from './settings/target-operations';
import { settingsOverview } from './settings-overview';

/** The operations of the settings pages, by resolver key. */
export const SETTINGS_OPERATIONS = [
  'getSettings',
  'saveTarget',
  'deleteTarget',
  'testConnection',
  'saveMapping',
  'deleteMapping',
] as const;
export type SettingsOperation = (typeof SETTINGS_OPERATIONS)[number];

/** What a space admin may do, in their space only; targets are the Confluence admins'. */
const SPACE_OPERATIONS: ReadonlySet<SettingsOperation> = new Set([
  'getSettings',
  'saveMapping',
  'deleteMapping',
]);

/**
 * Runs one operation for a caller whose rights were checked (the scope says which). Every payload is
 * validated here; nothing the page sends widens the scope.
 */
export async function runSettingsOperation(
  operation: SettingsOperation,
  scope: SettingsScope,
  payload: unknown,
  platform: Platform,
  licence: LicenceContext,
): Promise<Answer<unknown>> {
  if (scope.kind === 'space' && !SPACE_OPERATIONS.has(operation))
    return { status: 'refused', refusal: { code: 'notConfluenceAdmin' } };
  switch (operation) {
    case 'getSettings':
      return settingsOverview(platform, licence, scope);
    case 'saveTarget':
      return saveTarget(platform, payload);
    case 'deleteTarget':
      return deleteTarget(platform, payload);
    case 'testConnection':
      return testConnection(platform, payload);
    case 'saveMapping':
      return saveMapping(platform, scope, payload);
    case 'deleteMapping':
      return deleteMapping(platform, scope, payload);
  }
}
