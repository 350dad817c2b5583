import type { WarningCode } from './convert-result';
import type { WarningSink } from './warning-sink';

/** Where warnings go while a document is built. */
export interface Warnings {
  add(code: WarningCode, message: string): void;
}

interface Entry {
  readonly code: WarningCode;
  readonly message: string;
  count: number;
}

/**
 * Holds the warnings of the document builder until parsing is complete: the builder runs while the
 * body is still being read, but a body's parse warnings come first. Replaying each distinct warning
 * as often as it was added gives the sink exactly what adding them in that order would have.
 */
export class WarningLog implements Warnings {
  /** In the order first added; found by code, then message. */
  private readonly entries: Entry[] = [];
  private readonly byCode = new Map<WarningCode, Map<string, Entry>>();

  add(code: WarningCode, message: string): void {
    let byMessage = this.byCode.get(code);
    if (byMessage === undefined) this.byCode.set(code, (byMessage = new Map()));
    const entry = byMessage.get(message);
    if (entry !== undefined) {
      entry.count++;
      return;
    }
    const added = { code, message, count: 1 };
    byMessage.set(message, added);
    this.entries.push(added);
  }

  replayInto(sink: WarningSink): void {
    for (const entry of this.entries) sink.addTimes(entry.code, entry.message, entry.count);
  }
}
