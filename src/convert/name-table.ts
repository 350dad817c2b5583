/** Keeps a hash within V8's small integers, so map lookups stay cheap. */
const SMALL = 0x3fffffff;

function hashOf(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) & SMALL;
  return h;
}

/** A name of the table, with what the reader needs to know about it. */
export interface KnownName {
  readonly name: string;
  readonly flags: number;
}

/**
 * A fixed set of names, found in the input by position: no substring is made for a name in the set,
 * and the name returned is the set's own (internalised) string, cheap to look up again downstream.
 */
export class NameTable {
  private readonly byHash = new Map<number, KnownName>();

  constructor(names: Iterable<string>, flagsOf: (name: string) => number = () => 0) {
    for (const name of names) {
      const hash = hashOf(name, 0, name.length);
      if (!this.byHash.has(hash)) this.byHash.set(hash, { name, flags: flagsOf(name) });
    }
  }

  /** The name written exactly (same case) at input[start, end), if it is in the set. */
  find(input: string, start: number, end: number): KnownName | undefined {
    const known = this.byHash.get(hashOf(input, start, end));
    if (known === undefined || known.name.length !== end - start) return undefined;
    return input.startsWith(known.name, start) ? known : undefined;
  }
}
