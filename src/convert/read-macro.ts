import type { Block } from './doc-model';
import * as tree from './xml-tree';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { textContent } = tree;

/** A structured macro taken apart: its parameters (in any order), and its body if it has one. */
export interface MacroParts {
  readonly name: string;
  /** Parameters by lower-cased name (the default parameter under ''), captured whole; the last one wins. */
  readonly params: ReadonlyMap<string, XmlElement>;
  /** Whether it has a rich-text body (only the first one counts). */
  readonly hasRichBody: boolean;
  /** The rich-text body captured whole, for macros that read it as text (code, noformat, math). */
  readonly richBody: XmlElement | undefined;
  /** The rich-text body built into blocks, for macros that show it as a block (callouts, expand, …). */
  readonly blocks: Block[];
  /** The plain-text body, verbatim: its CDATA sections joined (so `]]>` split across them is whole). */
  readonly plainBody: string | undefined;
}

/** A parameter's text, trimmed; undefined when absent or empty. */
export function param(macro: MacroParts, name: string): string | undefined {
  const el = macro.params.get(name.toLowerCase());
  if (el === undefined) return undefined;
  const text = textContent(el).trim();
  return text === '' ? undefined : text;
}

/** CDATA sections verbatim when there are any (whitespace around them is formatting); all text otherwise. */
export function plainText(el: XmlElement): string {
  let cdata = '';
  let hasCdata = false;
  for (const child of el.children) {
    if (child.type === 'text' && child.cdata) {
      cdata += child.value;
      hasCdata = true;
    }
  }
  return hasCdata ? cdata : textContent(el);
}
