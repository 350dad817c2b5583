import type { TargetResult } from '../target-adapter';
import type { BitrixError } from './bitrix-errors';

/** A BitrixError as the pipeline's outcome: limits wait their turn, outages retry, the rest fail. */
export function bitrixResult(error: BitrixError): TargetResult {
  switch (error.kind) {
    case 'rate-limited':
      return {
        kind: 'throttled',
        reason: error.message,
        retryAfterSeconds: error.retryAfterSeconds ?? 10,
        httpStatus: error.status,
      };
    case 'unavailable':
      return {
        kind: 'retryable',
        reason: error.message,
        retryAfterSeconds: error.retryAfterSeconds,
        httpStatus: error.status,
      };
    case 'auth':
    case 'scope':
    case 'denied':
    case 'rejected':
    case 'no-method':
    case 'egress':
      return { kind: 'failed', reason: error.message, httpStatus: error.status };
  }
}
