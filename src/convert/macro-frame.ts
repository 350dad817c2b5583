import { assertNever } from '../domain/assert-never';
import type { BuildContext } from './build-context';
import * as frames from './build-frame';
import type { Frame } from './build-frame';
import * as capture from './capture-frame';
import type { CaptureTarget } from './capture-frame';
import type { Block } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import * as blocks from './macro-blocks';
import * as catalogue from './macro-catalogue';
import type { MacroKind } from './macro-catalogue';
import * as refs from './macro-references';
import type { XmlAttrs } from './node-sink';
import * as read from './read-macro';
import type { MacroParts } from './read-macro';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { END_PARAGRAPH, END_NOTHING, FLOW_INTO } = frames;
const { CaptureFrame } = capture;
const { macroKind } = catalogue;
const { plainText } = read;

function builderFor(kind: MacroKind): blocks.MacroBuilder {
  switch (kind) {
    case 'code':
      return blocks.codeMacro;
    case 'noformat':
      return blocks.noformatMacro;
    case 'callout':
      return blocks.calloutMacro;
    case 'panel':
      return blocks.panelMacro;
    case 'expand':
      return blocks.expandMacro;
    case 'status':
      return refs.statusMacro;
    case 'toc':
      return blocks.tocMacro;
    case 'anchor':
      return refs.anchorMacro;
    case 'unwrap':
      return blocks.unwrapMacro;
    case 'section':
      return blocks.sectionMacro;
    case 'jira':
      return refs.jiraMacro;
    case 'include':
      return refs.includeMacro;
    case 'dynamic':
      return refs.dynamicMacro;
    case 'attachment':
      return refs.attachmentMacro;
    case 'profile':
      return refs.profileMacro;
    case 'math-inline':
      return refs.mathInlineMacro;
    case 'math-block':
      return blocks.mathBlockMacro;
    default:
      return assertNever(kind, 'macro kind');
  }
}

/**
 * An unknown macro keeps what a reader can read: its rich body as content (walked as it came), its
 * plain body as a code block, otherwise its name in brackets. Its parameters never reach the output.
 */
const unknownMacro: blocks.MacroBuilder = (macro, b) => {
  if (macro.hasRichBody) return;
  if (macro.plainBody !== undefined && macro.plainBody.trim() !== '')
    b.addBlock({ kind: 'code', text: macro.plainBody });
  else refs.addNotice(b, `macro: ${macro.name || '(unnamed)'}`, undefined);
};

/**
 * `<ac:structured-macro>` and the legacy `<ac:macro>`: parameters are captured; the first rich-text
 * body streams into blocks (callouts, expand, section), into the page (unwrapped and unknown macros),
 * or is captured when the macro reads it as text (code, math); the macro is built when it ends.
 */
export class MacroFrame implements CaptureTarget {
  blocks: Block[] = [];
  private readonly name: string;
  private readonly kind: MacroKind | undefined;
  private readonly params = new Map<string, XmlElement>();
  private hasRichBody = false;
  private richBody: XmlElement | undefined;
  private hasPlainBody = false;
  private plainBody: string | undefined;

  constructor(
    attrs: XmlAttrs,
    private readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
  ) {
    this.name = (attrs['ac:name'] ?? '').trim().toLowerCase();
    this.kind = macroKind(this.name);
    if (this.kind === undefined)
      ctx.warnings.add(
        'unknown-macro',
        `macro "${this.name || '(unnamed)'}" is not supported: shown as text`,
      );
  }

  /** A child element starts: sets up `frame` for its content. */
  child(name: string, attrs: XmlAttrs, frame: Frame): void {
    if (name === 'ac:parameter' || name === 'ac:default-parameter') {
      frame.captureInto(new CaptureFrame(name, attrs, this, this.b, this.ctx));
    } else if (name === 'ac:rich-text-body') {
      if (this.hasRichBody) frame.skip();
      else {
        this.hasRichBody = true;
        this.richBodyFrame(name, attrs, frame);
      }
    } else if (name === 'ac:plain-text-body' && !this.hasPlainBody) {
      this.hasPlainBody = true;
      frame.captureInto(new CaptureFrame(name, attrs, this, this.b, this.ctx));
    } else {
      frame.skip();
    }
  }

  private flag(param: string): boolean {
    const el = this.params.get(param);
    return el !== undefined && plainText(el).trim().toLowerCase() === 'true';
  }

  captured(el: XmlElement): void {
    if (el.name === 'ac:parameter') this.params.set((el.attrs['ac:name'] ?? '').toLowerCase(), el);
    else if (el.name === 'ac:default-parameter') this.params.set('', el);
    else if (el.name === 'ac:rich-text-body') this.richBody = el;
    else this.plainBody = plainText(el);
  }

  end(): void {
    const parts: MacroParts = {
      name: this.name,
      params: this.params,
      hasRichBody: this.hasRichBody,
      richBody: this.richBody,
      blocks: this.blocks,
      plainBody: this.plainBody,
    };
    (this.kind === undefined ? unknownMacro : builderFor(this.kind))(parts, this.b, this.ctx);
  }

  private richBodyFrame(name: string, attrs: XmlAttrs, frame: Frame): void {
    switch (this.kind) {
      case undefined:
        frame.walk(this.b, END_NOTHING);
        return;
      case 'unwrap':
        // A hidden excerpt is shown nowhere on its page (only where it is included). Storage writes
        // parameters before the body, so the flag is known here.
        if (this.name === 'excerpt' && this.flag('hidden')) {
          frame.skip();
          return;
        }
        this.b.endParagraph();
        frame.walk(this.b, END_PARAGRAPH);
        return;
      // A macro Confluence draws (a chart) may hold its data as a body: shown after the notice.
      case 'dynamic':
      case 'callout':
      case 'panel':
      case 'expand':
      case 'section':
        frame.flow(FLOW_INTO, this.b, this.ctx.builder(), this);
        return;
      case 'code':
      case 'noformat':
      case 'math-inline':
      case 'math-block':
        frame.captureInto(new CaptureFrame(name, attrs, this, this.b, this.ctx));
        return;
      default:
        frame.skip();
    }
  }
}
