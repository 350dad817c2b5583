import { invoke } from '@forge/bridge';
import type { Answer } from '../pipeline/settings/settings-api';
import type { SettingsOperation } from '../pipeline/settings-service';

/**
 * Calls a settings operation of the admin resolver: its answer, or its refusal (types in
 * settings-api.ts, shared with the resolver). Without `metadata` the bridge gives the resolver's
 * value itself, never the `{body, metadata}` form (@forge/bridge 7.2 invoke.js), hence the type.
 */
export async function callSettings<T>(
  operation: SettingsOperation,
  payload: Record<string, unknown> = {},
): Promise<Answer<T>> {
  return (await invoke<Answer<T>>(operation, payload)) as Answer<T>;
}
