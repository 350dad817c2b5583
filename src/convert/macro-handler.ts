import type { ElementHandler } from './build-context';
import { assertNever } from '../domain/assert-never';
import {
  calloutMacro,
  codeMacro,
  expandMacro,
  mathBlockMacro,
  noformatMacro,
  panelMacro,
  sectionMacro,
  tocMacro,
  unwrapMacro,
  type MacroBuilder,
} from './macro-blocks';
import { macroKind, type MacroKind } from './macro-catalogue';
import {
  addNotice,
  anchorMacro,
  attachmentMacro,
  dynamicMacro,
  includeMacro,
  jiraMacro,
  mathInlineMacro,
  profileMacro,
  statusMacro,
} from './macro-references';
import { readMacro } from './read-macro';

function builderFor(kind: MacroKind): MacroBuilder {
  switch (kind) {
    case 'code':
      return codeMacro;
    case 'noformat':
      return noformatMacro;
    case 'callout':
      return calloutMacro;
    case 'panel':
      return panelMacro;
    case 'expand':
      return expandMacro;
    case 'status':
      return statusMacro;
    case 'toc':
      return tocMacro;
    case 'anchor':
      return anchorMacro;
    case 'unwrap':
      return unwrapMacro;
    case 'section':
      return sectionMacro;
    case 'jira':
      return jiraMacro;
    case 'include':
      return includeMacro;
    case 'dynamic':
      return dynamicMacro;
    case 'attachment':
      return attachmentMacro;
    case 'profile':
      return profileMacro;
    case 'math-inline':
      return mathInlineMacro;
    case 'math-block':
      return mathBlockMacro;
    default:
      return assertNever(kind, 'macro kind');
  }
}

/**
 * An unknown macro keeps what a reader can read: its rich body as content, its plain body as a code
 * block, otherwise its name in brackets. Its parameters never reach the output.
 */
const unknownMacro: MacroBuilder = (macro, b, ctx) => {
  const name = macro.name || '(unnamed)';
  ctx.warnings.add('unknown-macro', `macro "${name}" is not supported: shown as text`);
  if (macro.richBody !== undefined) ctx.walk(macro.richBody.children, b);
  else if (macro.plainBody !== undefined && macro.plainBody.trim() !== '')
    b.addBlock({ kind: 'code', text: macro.plainBody });
  else addNotice(b, `macro: ${name}`, undefined);
};

/** `<ac:structured-macro>` and the legacy `<ac:macro>`. */
export const structuredMacro: ElementHandler = (el, b, ctx) => {
  const macro = readMacro(el);
  const kind = macroKind(macro.name);
  (kind === undefined ? unknownMacro : builderFor(kind))(macro, b, ctx);
};
