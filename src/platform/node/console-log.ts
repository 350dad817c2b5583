import type { Clock } from '../../ports/clock';
import type { Log, LogFields } from '../../ports/log';
import { LOG_LEVELS, type LogLevel, redactFields } from './log-redaction';

export { MemoryLog } from './memory-log';

export interface ConsoleLogOptions {
  /** Where JSON lines go; process.stdout by default. */
  stream?: { write(chunk: string): unknown };
  /** Entries below this level are dropped. Default 'info'. */
  minLevel?: LogLevel;
  /** When given, each line carries `at` (ISO time on this clock). */
  clock?: Clock;
}

/** One JSON line per entry: `{"level","msg",...fields}`, sensitive fields redacted. */
export class ConsoleLog implements Log {
  private readonly stream: { write(chunk: string): unknown };
  private readonly minLevel: number;
  private readonly clock?: Clock;

  constructor(options: ConsoleLogOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    this.minLevel = LOG_LEVELS[options.minLevel ?? 'info'];
    this.clock = options.clock;
  }

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
    if (LOG_LEVELS[level] < this.minLevel) return;
    const line: Record<string, unknown> = { level, msg, ...redactFields(fields) };
    Object.assign(line, { level, msg }, this.clock ? { at: new Date(this.clock.now()).toISOString() } : {});
    this.stream.write(`${JSON.stringify(line)}\n`);
  }
}
