import { textContent, type XmlElement } from './xml-tree';

/** A structured macro taken apart: its parameters (in any order), and its body if it has one. */
export interface MacroParts {
  readonly name: string;
  readonly params: ReadonlyMap<string, XmlElement>;
  readonly richBody: XmlElement | undefined;
  /** The plain-text body, verbatim: its CDATA sections joined (so `]]>` split across them is whole). */
  readonly plainBody: string | undefined;
}

export function readMacro(el: XmlElement): MacroParts {
  const params = new Map<string, XmlElement>();
  let richBody: XmlElement | undefined;
  let plain: XmlElement | undefined;
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.name === 'ac:parameter') params.set((child.attrs['ac:name'] ?? '').toLowerCase(), child);
    else if (child.name === 'ac:default-parameter') params.set('', child);
    else if (child.name === 'ac:rich-text-body') richBody ??= child;
    else if (child.name === 'ac:plain-text-body') plain ??= child;
  }
  const name = (el.attrs['ac:name'] ?? '').trim().toLowerCase();
  return { name, params, richBody, plainBody: plain === undefined ? undefined : plainText(plain) };
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
