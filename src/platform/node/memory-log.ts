import type { Log, LogFields } from '../../ports/log';
import { type LogLevel, redactFields } from './log-redaction';

export interface LogEntry {
  level: LogLevel;
  msg: string;
  fields: LogFields;
}

/** Keeps log entries (redacted like ConsoleLog) for tests and the sandbox report. */
export class MemoryLog implements Log {
  private readonly kept: LogEntry[] = [];

  debug(msg: string, fields?: LogFields): void {
    this.record('debug', msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.record('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.record('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.record('error', msg, fields);
  }

  /** A copy of the entries, optionally only those of one level. */
  entries(level?: LogLevel): LogEntry[] {
    return structuredClone(this.kept.filter((entry) => level === undefined || entry.level === level));
  }

  clear(): void {
    this.kept.length = 0;
  }

  private record(level: LogLevel, msg: string, fields?: LogFields): void {
    this.kept.push({ level, msg, fields: redactFields(fields) });
  }
}
