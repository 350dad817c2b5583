/**
 * The selector grammar known from other connectors: `MKT{marketing, pricing}, SLS{sales}, OPS`.
 * A space key with labels selects that space's pages carrying one of them; a bare key selects the
 * whole space; an empty expression selects nothing. Compiles to the same rules as mappings.
 *
 *   selector := ws (item (ws ',' ws item)*)? ws
 *   item     := SPACE_KEY (ws '{' ws LABEL (ws ',' ws LABEL)* ws '}')?
 */
export interface SelectorItem {
  spaceKey: string;
  /** undefined: the whole space. */
  labels?: string[];
}

export type SelectorParse =
  | { ok: true; items: SelectorItem[] }
  | { ok: false; position: number; expected: string; found: string; message: string };

const SPACE_KEY = /[~A-Za-z0-9]/;
const LABEL = /[^\s,{}]/;

class Failure {
  constructor(
    readonly position: number,
    readonly expected: string,
  ) {}
}

export function parseSelector(input: string): SelectorParse {
  let pos = 0;
  const skip = () => {
    while (pos < input.length && /\s/.test(input[pos]!)) pos++;
  };
  const take = (char: RegExp, what: string): string => {
    const start = pos;
    while (pos < input.length && char.test(input[pos]!)) pos++;
    if (pos === start) throw new Failure(pos, what);
    return input.slice(start, pos);
  };
  const expect = (literal: string, what: string) => {
    if (input[pos] !== literal) throw new Failure(pos, what);
    pos++;
  };
  const items = new Map<string, SelectorItem>();
  try {
    skip();
    while (pos < input.length) {
      const spaceKey = take(SPACE_KEY, 'a space key');
      skip();
      let labels: string[] | undefined;
      if (input[pos] === '{') {
        pos++;
        labels = [];
        do {
          skip();
          labels.push(take(LABEL, 'a label').toLowerCase());
          skip();
        } while (input[pos] === ',' && ++pos);
        expect('}', '"," or "}"');
        skip();
      }
      merge(items, spaceKey, labels);
      if (pos < input.length) {
        expect(',', labels ? '"," or the end' : '"{", "," or the end');
        skip();
        if (pos >= input.length) throw new Failure(pos, 'a space key');
      }
    }
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const found = error.position >= input.length ? 'the end' : `"${input[error.position]}"`;
    return {
      ok: false,
      position: error.position,
      expected: error.expected,
      found,
      message: `at position ${error.position + 1}: expected ${error.expected}, found ${found}`,
    };
  }
  return { ok: true, items: [...items.values()] };
}

/** A space named twice: its label sets add up; a bare mention selects the whole space. */
function merge(items: Map<string, SelectorItem>, spaceKey: string, labels: string[] | undefined) {
  const existing = items.get(spaceKey);
  if (!existing) {
    items.set(spaceKey, { spaceKey, labels });
    return;
  }
  if (!existing.labels || !labels) existing.labels = undefined;
  else existing.labels = [...new Set([...existing.labels, ...labels])];
}
