/** Buckets of the table: a power of two, well above the number of names so most buckets hold one. */
const BUCKETS = 1024;

/**
 * The bucket of the name at text[start, end): its length and its first and last characters. Reading
 * three numbers (instead of hashing every character) keeps the lookup of a name cheap, whether it is
 * in the set or not; a bucket's few names are then compared whole.
 */
function bucketOf(text: string, start: number, end: number): number {
  return ((end - start) * 961 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) & (BUCKETS - 1);
}

/**
 * A letter as `toLowerCase` turns it into ASCII: A–Z, and the Kelvin sign (U+212A, whose lower case is
 * `k`), the only other character with a lower case in ASCII; any other character as it is.
 */
function foldCase(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0x212a ? 107 : c;
}

/** The bucket a name's lower-case spelling is in (for tables of lower-case names). */
function foldedBucketOf(text: string, start: number, end: number): number {
  const first = foldCase(text.charCodeAt(start));
  return ((end - start) * 961 + first * 31 + foldCase(text.charCodeAt(end - 1))) & (BUCKETS - 1);
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
  private readonly buckets: (KnownName[] | undefined)[] = new Array<KnownName[] | undefined>(BUCKETS).fill(
    undefined,
  );

  constructor(names: Iterable<string>, flagsOf: (name: string) => number = () => 0) {
    for (const name of names) {
      if (name === '') continue;
      const bucket = (this.buckets[bucketOf(name, 0, name.length)] ??= []);
      if (!bucket.some((known) => known.name === name)) bucket.push({ name, flags: flagsOf(name) });
    }
  }

  /** The name written exactly (same case) at input[start, end), if it is in the set. */
  find(input: string, start: number, end: number): KnownName | undefined {
    if (end <= start) return undefined;
    const bucket = this.buckets[bucketOf(input, start, end)];
    if (bucket === undefined) return undefined;
    const length = end - start;
    for (let i = 0; i < bucket.length; i++) {
      const known = bucket[i]!;
      if (known.name.length === length && input.startsWith(known.name, start)) return known;
    }
    return undefined;
  }

  /**
   * Whether a name of the table might be written at input[start, end) in other letter case: false
   * means it certainly is not (no name of that length and those end letters); true asks for a check.
   */
  mayMatchFolded(input: string, start: number, end: number): boolean {
    if (end <= start) return false;
    const bucket = this.buckets[foldedBucketOf(input, start, end)];
    if (bucket === undefined) return false;
    const length = end - start;
    for (let i = 0; i < bucket.length; i++) if (bucket[i]!.name.length === length) return true;
    return false;
  }
}
