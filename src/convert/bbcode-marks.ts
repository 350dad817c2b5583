import { assertNever } from '../domain/assert-never';
import type { MarkKind } from './doc-model';

/** Characters with a superscript form in Unicode's Superscripts and Subscripts block (and Latin-1). */
const SUPERSCRIPT: Readonly<Record<string, string>> = {
  ...digits('⁰¹²³⁴⁵⁶⁷⁸⁹'),
  '+': '⁺',
  '-': '⁻',
  '\u2212': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  i: 'ⁱ',
  n: 'ⁿ',
  ' ': ' ',
};

const SUBSCRIPT: Readonly<Record<string, string>> = {
  ...digits('₀₁₂₃₄₅₆₇₈₉'),
  '+': '₊',
  '-': '₋',
  '\u2212': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  a: 'ₐ',
  e: 'ₑ',
  o: 'ₒ',
  x: 'ₓ',
  h: 'ₕ',
  k: 'ₖ',
  l: 'ₗ',
  m: 'ₘ',
  n: 'ₙ',
  p: 'ₚ',
  s: 'ₛ',
  t: 'ₜ',
  ' ': ' ',
};

/**
 * A mark in Bitrix24 chat, which renders [b] [i] [u] [s] but no sub/sup and no inline code (its [code]
 * is a block of its own). Sub/superscripts become Unicode sub/superscript characters when every
 * character has one (x³, H₂O, footnote numbers), otherwise `^(…)` / `_(…)`, so `x^(2k)` does not read
 * as `x2k`; inline code keeps its edges visible with backticks, the marker chat readers know.
 */
export function bbMark(mark: MarkKind, inner: string): string {
  if (inner === '') return inner;
  switch (mark) {
    case 'strong':
      return `[b]${inner}[/b]`;
    case 'em':
      return `[i]${inner}[/i]`;
    case 'underline':
      return `[u]${inner}[/u]`;
    case 'strike':
      return `[s]${inner}[/s]`;
    case 'sup':
      return scripted(inner, SUPERSCRIPT) ?? `^(${inner})`;
    case 'sub':
      return scripted(inner, SUBSCRIPT) ?? `_(${inner})`;
    case 'code':
      return `\`${inner}\``;
    default:
      return assertNever(mark, 'mark');
  }
}

/** `text` in the characters of `table`, or undefined when one of its characters has none. */
function scripted(text: string, table: Readonly<Record<string, string>>): string | undefined {
  let out = '';
  for (const char of text) {
    const mapped = Object.hasOwn(table, char) ? table[char] : undefined;
    if (mapped === undefined) return undefined;
    out += mapped;
  }
  return out;
}

function digits(forms: string): Record<string, string> {
  const table: Record<string, string> = {};
  [...forms].forEach((form, digit) => (table[String(digit)] = form));
  return table;
}
