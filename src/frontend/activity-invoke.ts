import { invoke } from '@forge/bridge';

export type Failure = { error: string };

/**
 * Calls a resolver function. @forge/bridge may wrap the answer as `{body, metadata}`; none of our
 * answers has a top-level `body`, so it is unwrapped. A rejected call becomes `{error}` as a
 * refusal does.
 */
export async function callResolver<T>(
  key: string,
  payload: Record<string, unknown> = {},
): Promise<T | Failure> {
  try {
    const res = await invoke<T>(key, payload);
    return typeof res === 'object' && res !== null && 'body' in res ? res.body : res;
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && 'error' in value;
}
