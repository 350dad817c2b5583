import { Parser } from 'htmlparser2';

/**
 * Facts about a storage body read independently of the converter (htmlparser2's own Parser, not the
 * converter's tokenizer wiring): what every output must keep.
 */
export interface StorageFacts {
  /** Text nodes outside macro parameters, placeholders and task/ADF bookkeeping (whitespace-collapsed). */
  texts: string[];
  /** Code and noformat bodies, verbatim. */
  codes: string[];
  /** Text of link bodies and `<a>` elements. */
  linkTexts: string[];
  /** Number of td/th cells. */
  cells: number;
  /** Each macro's parameter values run together: the classic leak signature. */
  paramRuns: string[];
}

const HIDDEN = new Set([
  'ac:parameter',
  'ac:placeholder',
  'ac:task-id',
  'ac:task-uuid',
  'ac:task-status',
  'ac:adf-node',
]);
const LINKS = new Set(['ac:link-body', 'ac:plain-text-link-body', 'a']);

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function storageFacts(storage: string): StorageFacts {
  const facts: StorageFacts = { texts: [], codes: [], linkTexts: [], cells: 0, paramRuns: [] };
  const stack: string[] = [];
  const macros: { name: string; params: string[]; code: string | undefined }[] = [];
  const links: string[] = [];
  let text = '';
  const flushText = () => {
    const hidden = stack.some((name) => HIDDEN.has(name)) || stack.includes('ac:plain-text-body');
    if (!hidden && normalise(text) !== '') facts.texts.push(normalise(text));
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        flushText();
        stack.push(name);
        if (name === 'td' || name === 'th') facts.cells++;
        if (name === 'ac:structured-macro')
          macros.push({ name: attrs['ac:name'] ?? '', params: [], code: undefined });
        if (name === 'ac:plain-text-body' && macros.length > 0) macros[macros.length - 1]!.code = '';
        if (LINKS.has(name)) links.push('');
      },
      ontext(data) {
        text += data;
        const top = stack[stack.length - 1];
        const macro = macros[macros.length - 1];
        if (top === 'ac:plain-text-body' && macro?.code !== undefined) macro.code += data;
        if (top === 'ac:parameter' && macro !== undefined) macro.params.push(data.trim());
        for (let i = 0; i < links.length; i++) links[i] += data;
      },
      onclosetag(name) {
        flushText();
        stack.pop();
        if (LINKS.has(name)) {
          const linkText = normalise(links.pop() ?? '');
          if (linkText !== '') facts.linkTexts.push(linkText);
        }
        if (name !== 'ac:structured-macro') return;
        const macro = macros.pop()!;
        if ((macro.name === 'code' || macro.name === 'noformat') && macro.code !== undefined)
          facts.codes.push(macro.code);
        const run = macro.params.filter((p) => p !== '').join('');
        if (macro.params.filter((p) => p !== '').length >= 2 && run.length >= 8) facts.paramRuns.push(run);
      },
    },
    { xmlMode: false, recognizeCDATA: true, recognizeSelfClosing: true, decodeEntities: true },
  );
  parser.write(storage);
  parser.end();
  flushText();
  return facts;
}
