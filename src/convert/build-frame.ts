import type { CaptureFrame } from './capture-frame';
import type { ListState, RowState, TableState } from './container-frames';
import type { Block } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import type { MacroFrame } from './macro-frame';

/**
 * What an open element's content becomes while the document is built (the `kind` of its frame). The
 * document builder switches on it in one place for every node, so each case's calls stay monomorphic.
 */
/** Content walked into `b` as its own (paragraphs, marks, transparent elements); `action` on end. */
export const F_WALK = 0;
/** Content that never reaches the output. */
export const F_SKIP = 1;
/** Content built into blocks of its own, in `inner`; `action` says where they go (FLOW_*). */
export const F_FLOW = 2;
/** `<time datetime>`: its content, or the date (`value`) when it has none; `count` counts its nodes. */
export const F_TIME = 3;
/** `<ul>` / `<ol>`: `list`. */
export const F_LIST = 4;
/** `<table>`: `table`. */
export const F_TABLE = 5;
/** `<thead>` / `<tbody>` / `<tfoot>` of `table`. */
export const F_TABLE_SECTION = 6;
/** `<tr>`: `row`. */
export const F_ROW = 7;
/** A structured macro: `macro`. */
export const F_MACRO = 8;
/** An element captured whole, or an element inside it: `capture`. */
export const F_CAPTURE = 9;

/** What a walking frame does when its element ends. */
export const END_NOTHING = 0;
export const END_PARAGRAPH = 1;
export const END_INLINE = 2;

/** Where a flow frame's blocks go. */
export const FLOW_QUOTE = 0;
export const FLOW_SECTION = 1;
/** A table caption: one run of inline content, a paragraph before the table. */
export const FLOW_CAPTION = 2;
/** Into `target` (a list item, a table cell or a macro). */
export const FLOW_INTO = 3;

/** Where a flow's blocks go: a list item, a table cell or a macro. */
export interface BlockTarget {
  blocks: Block[];
}

/**
 * An open element while the document is built. Every frame is a record of this one class (one hidden
 * class, whatever the element): the builder keeps a stack of them and reuses them as elements open
 * and close, so opening an element allocates no frame. Only the fields its `kind` names are read.
 */
export class Frame {
  kind = F_WALK;
  /** F_WALK: END_*; F_FLOW: FLOW_*. */
  action = END_NOTHING;
  /** F_TIME: nodes seen. */
  count = 0;
  /** The builder the element's content (or what it makes) goes into. */
  b: FlowBuilder;
  /** F_FLOW: the builder of its own blocks. */
  inner: FlowBuilder | undefined = undefined;
  /** F_FLOW with FLOW_INTO: where the blocks go. */
  target: BlockTarget | undefined = undefined;
  /** F_TIME: the date shown when the element has no content. */
  value: string | undefined = undefined;
  list: ListState | undefined = undefined;
  table: TableState | undefined = undefined;
  row: RowState | undefined = undefined;
  macro: MacroFrame | undefined = undefined;
  capture: CaptureFrame | undefined = undefined;

  constructor(b: FlowBuilder) {
    this.b = b;
  }

  /** Content walked into `b`. */
  walk(b: FlowBuilder, action: number): void {
    this.kind = F_WALK;
    this.b = b;
    this.action = action;
  }

  skip(): void {
    this.kind = F_SKIP;
  }

  /** Content built into `inner`; its blocks go where `action` says (into `target`, or into `b`). */
  flow(action: number, b: FlowBuilder, inner: FlowBuilder, target: BlockTarget | undefined): void {
    this.kind = F_FLOW;
    this.action = action;
    this.b = b;
    this.inner = inner;
    this.target = target;
    if (action === FLOW_CAPTION) inner.startParagraph(0);
  }

  captureInto(capture: CaptureFrame): void {
    this.kind = F_CAPTURE;
    this.capture = capture;
  }
}
