import type { TargetResult } from '../target-adapter';
import type { BitrixError, BitrixErrorKind } from './bitrix-errors';

/** Limits wait their turn (not an attempt), outages retry, the rest fail as expected errors. */
const OUTCOME: Record<BitrixErrorKind, 'throttled' | 'retryable' | 'failed'> = {
  'rate-limited': 'throttled',
  unavailable: 'retryable',
  auth: 'failed',
  scope: 'failed',
  denied: 'failed',
  rejected: 'failed',
  'no-method': 'failed',
  egress: 'failed',
};

/** A BitrixError as the pipeline's outcome. */
export function bitrixResult(error: BitrixError): TargetResult {
  const base = { reason: error.message, httpStatus: error.status };
  const outcome = OUTCOME[error.kind];
  if (outcome === 'throttled')
    return { kind: 'throttled', ...base, retryAfterSeconds: error.retryAfterSeconds ?? 10 };
  if (outcome === 'retryable')
    return { kind: 'retryable', ...base, retryAfterSeconds: error.retryAfterSeconds };
  return { kind: 'failed', ...base };
}
