import type { Log, LogFields } from '../../ports/log';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Field names whose values never reach the log (secrets, credentials, page or request bodies). */
const SENSITIVE_FIELD = /secret|token|password|passwd|authorization|cookie|api-?key|body/i;
export const REDACTED = '[redacted]';
/** Forge keeps 200 KB of logs per invocation; one field never takes more than this. */
const MAX_STRING_CHARS = 2000;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function safeValue(key: string, value: unknown): unknown {
  if (SENSITIVE_FIELD.test(key)) return REDACTED;
  if (typeof value === 'string' && value.length > MAX_STRING_CHARS) {
    return `${value.slice(0, MAX_STRING_CHARS)}…(${value.length - MAX_STRING_CHARS} more chars)`;
  }
  return value;
}

/** The log line for one entry: one JSON object, `level` and `msg` first, sensitive fields redacted. */
export function formatLogLine(level: LogLevel, msg: string, fields?: LogFields): string {
  const entry: Record<string, unknown> = { level, msg };
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined || key === 'level' || key === 'msg') continue;
    entry[key] = safeValue(key, value);
  }
  return JSON.stringify(entry);
}

/**
 * The Log port on Forge: one JSON object per console line (console.log for debug/info,
 * console.warn, console.error), so `forge logs` shows structured, greppable lines. Entries below
 * `minLevel` are dropped: Forge allows about 100 log lines per runtime minute.
 */
export class ForgeLog implements Log {
  constructor(private readonly minLevel: LogLevel = 'info') {}

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (RANK[level] < RANK[this.minLevel]) return;
    const line = formatLogLine(level, msg, fields);
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  }
}
