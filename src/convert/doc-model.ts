import type { ConvertWarning, ImageRef, LinkRef } from './convert-result';

/** The small document tree every renderer reads. No Confluence markup survives into it. */
export type MarkKind = 'strong' | 'em' | 'underline' | 'strike' | 'sub' | 'sup' | 'code';

export interface ImageInfo {
  /** Absent when the image could not be resolved to a safe URL. */
  src?: string;
  alt: string;
  width?: number;
  height?: number;
}

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'mark'; mark: MarkKind; children: Inline[] }
  | { kind: 'link'; href?: string; children: Inline[] }
  | { kind: 'break' }
  | { kind: 'image'; image: ImageInfo }
  | { kind: 'anchor'; id: string }
  | { kind: 'status'; text: string; colour: string }
  | { kind: 'math'; tex: string };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** By meaning, not by macro name: Confluence's "note" macro is yellow (a warning), its "warning" red. */
export type CalloutVariant = 'info' | 'note' | 'warning' | 'error' | 'success' | 'tip' | 'panel';

export type ListStyle = 'bullet' | 'ordered' | 'task';

export interface ListItem {
  /** Task lists only: whether the task is complete. */
  checked?: boolean;
  blocks: Block[];
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  align?: CellAlign;
  blocks: Block[];
}

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'heading'; level: HeadingLevel; id: string; children: Inline[] }
  | { kind: 'list'; style: ListStyle; start: number; items: ListItem[] }
  | { kind: 'code'; text: string; language?: string; title?: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'callout'; variant: CalloutVariant; title?: string; children: Block[] }
  | { kind: 'expand'; title: string; children: Block[] }
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'rule' }
  | { kind: 'figure'; image: ImageInfo; caption: Inline[] }
  | { kind: 'toc'; minLevel: number; maxLevel: number; exclude: string[] }
  | { kind: 'notice'; text: string; href?: string }
  | { kind: 'section'; children: Block[] };

export interface HeadingEntry {
  level: HeadingLevel;
  id: string;
  text: string;
}

/** A parsed page: render it to any number of formats. */
export interface StorageDocument {
  blocks: Block[];
  headings: HeadingEntry[];
  links: LinkRef[];
  images: ImageRef[];
  warnings: ConvertWarning[];
}
