import type { LogFields } from '../../ports/log';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const REDACTED = '[redacted]';

/** Field names whose values never reach a log: secrets, credentials and page bodies. */
const SENSITIVE_NAME = /secret|token|password|passwd|authorization|credential|api[-_]?key|cookie|body/i;
/** Values that look like credentials wherever they appear. */
const SENSITIVE_VALUE = /^(whsec_|Bearer\s|Basic\s)/i;

/** A copy of the fields with sensitive values replaced by "[redacted]". */
export function redactFields(fields: LogFields = {}): LogFields {
  const safe: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    const sensitive = SENSITIVE_NAME.test(name) || (typeof value === 'string' && SENSITIVE_VALUE.test(value));
    safe[name] = sensitive && value !== undefined ? REDACTED : value;
  }
  return safe;
}
