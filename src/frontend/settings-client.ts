import { invoke } from '@forge/bridge';
import type { Answer } from '../pipeline/settings/settings-api';
import type { SettingsOperation } from '../pipeline/settings-service';

/** The call itself failed (network, resolver error, timeout): said on the page, never lost. */
export interface CallFailed {
  status: 'failed';
  message: string;
}

/**
 * Calls a settings operation of the admin resolver: its answer, its refusal, or why the call
 * failed. Without `metadata` the bridge gives the resolver's value itself, never the
 * `{body, metadata}` form (@forge/bridge 7.2 invoke.js), hence the type.
 */
export async function callSettings<T>(
  operation: SettingsOperation,
  payload: Record<string, unknown> = {},
): Promise<Answer<T> | CallFailed> {
  try {
    return (await invoke<Answer<T>>(operation, payload)) as Answer<T>;
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
