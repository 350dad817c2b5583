/** Past this width, nested containers stop indenting further (keeps pathological nesting linear). */
const MAX_PREFIX = 64;

/**
 * Writes lines under the prefixes of the containers they are in (list markers and indentation,
 * quote bars), each line once, so output time stays linear in the output size at any nesting depth.
 */
export class LineWriter {
  private readonly lines: string[] = [];
  /** Prefix of the next line only: a list marker waiting for its item's first line. */
  private marker: string | undefined;
  /** Prefix of every other line. */
  private prefix = '';
  private blankPending = false;
  private wroteInScope = false;

  constructor(private readonly maxPrefix = MAX_PREFIX) {}

  /** Writes text; each of its lines gets the current prefix. */
  write(text: string): void {
    if (this.marker === undefined && this.prefix === '') {
      // No container: the lines go in as they are (an empty line's prefix is empty too).
      this.flushBlank();
      this.lines.push(text);
      this.wroteInScope = true;
      return;
    }
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      this.line(end === -1 ? text.slice(start) : text.slice(start, end));
      if (end === -1) return;
      start = end + 1;
    }
  }

  /**
   * Writes text whose lines must stay exactly as they are (code): no container prefix. A pending list
   * marker gets a line of its own first.
   */
  writeVerbatim(text: string): void {
    if (this.marker !== undefined) this.line('');
    this.flushBlank();
    // Its lines as they are: kept whole, as the lines are joined with line feeds in the end.
    this.lines.push(text);
    this.wroteInScope = true;
  }

  /** Asks for one empty line before whatever is written next in this container (none at its start). */
  blank(): void {
    if (this.wroteInScope) this.blankPending = true;
  }

  /** Runs `body` inside a container whose first line starts with `marker` and other lines with `indent`. */
  nest(marker: string, indent: string, body: () => void): void {
    const saved = this.prefix;
    this.flushBlank();
    const grown = this.prefix + indent;
    this.marker = (this.marker ?? this.prefix) + marker;
    this.prefix = grown.length > this.maxPrefix ? this.prefix : grown;
    this.wroteInScope = false;
    this.blankPending = false;
    body();
    if (this.marker !== undefined) this.lines.push(this.marker.trimEnd());
    // The parent's own pending marker, if any, was used by this container's first line.
    this.marker = undefined;
    this.prefix = saved;
    this.wroteInScope = true;
    this.blankPending = false;
  }

  toString(): string {
    return this.lines.join('\n');
  }

  private line(text: string): void {
    this.flushBlank();
    const head = this.marker ?? this.prefix;
    this.marker = undefined;
    this.lines.push(text === '' ? head.trimEnd() : head + text);
    this.wroteInScope = true;
  }

  private flushBlank(): void {
    if (!this.blankPending) return;
    this.lines.push(this.prefix.trimEnd());
    this.blankPending = false;
  }
}
