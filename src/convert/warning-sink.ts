import type { ConvertWarning, WarningCode } from './convert-result';

const MAX_WARNINGS = 50;

/** Collects warnings once each (same code and message), and at most MAX_WARNINGS of them. */
export class WarningSink {
  /** Messages seen, by code: no key string is built per warning. */
  private readonly seen = new Map<WarningCode, Set<string>>();
  private readonly list: ConvertWarning[] = [];
  private dropped = 0;
  private readonly tallies = new Map<WarningCode, { count: number; warning: ConvertWarning | undefined }>();

  add(code: WarningCode, message: string): void {
    this.addTimes(code, message, 1);
  }

  /** The same warning added `count` times: what `count` calls of `add` would do. */
  addTimes(code: WarningCode, message: string, count: number): void {
    let messages = this.seen.get(code);
    if (messages?.has(message)) return;
    if (this.list.length >= MAX_WARNINGS) {
      this.dropped += count;
      return;
    }
    if (messages === undefined) this.seen.set(code, (messages = new Set()));
    messages.add(message);
    this.list.push({ code, message });
  }

  /**
   * A warning about things counted as they are found: one entry, where the first was found, whose
   * message tells the running total.
   */
  addCount(code: WarningCode, describe: (count: number) => string, count: number): void {
    const tally = this.tallies.get(code);
    if (tally !== undefined) {
      tally.count += count;
      if (tally.warning !== undefined) tally.warning.message = describe(tally.count);
      return;
    }
    let warning: ConvertWarning | undefined;
    if (this.list.length < MAX_WARNINGS) this.list.push((warning = { code, message: describe(count) }));
    else this.dropped++;
    this.tallies.set(code, { count, warning });
  }

  warnings(): ConvertWarning[] {
    if (this.dropped === 0) return [...this.list];
    return [...this.list, { code: 'too-many-warnings', message: `${this.dropped} more warnings not listed` }];
  }
}
