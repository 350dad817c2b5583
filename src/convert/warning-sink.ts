import type { ConvertWarning, WarningCode } from './convert-result';

const MAX_WARNINGS = 50;

/** Collects warnings once each (same code and message), and at most MAX_WARNINGS of them. */
export class WarningSink {
  private readonly seen = new Set<string>();
  private readonly list: ConvertWarning[] = [];
  private dropped = 0;

  add(code: WarningCode, message: string): void {
    const key = `${code}\u0000${message}`;
    if (this.seen.has(key)) return;
    if (this.list.length >= MAX_WARNINGS) {
      this.dropped++;
      return;
    }
    this.seen.add(key);
    this.list.push({ code, message });
  }

  /** The same warning added `count` times: what `count` calls of `add` would do. */
  addTimes(code: WarningCode, message: string, count: number): void {
    const key = `${code}\u0000${message}`;
    if (this.seen.has(key)) return;
    if (this.list.length >= MAX_WARNINGS) {
      this.dropped += count;
      return;
    }
    this.seen.add(key);
    this.list.push({ code, message });
  }

  warnings(): ConvertWarning[] {
    if (this.dropped === 0) return [...this.list];
    return [...this.list, { code: 'too-many-warnings', message: `${this.dropped} more warnings not listed` }];
  }
}
