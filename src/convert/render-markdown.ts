import { assertNever } from '../domain/assert-never';
import type { Block, CalloutVariant, ListItem, StorageDocument } from './doc-model';
import { escapeHtml } from './html-escape';
import { LineWriter } from './line-writer';
import * as escape from './markdown-escape';
import * as inline from './markdown-inline';
import { markdownTable } from './markdown-table';
import { HtmlRenderer } from './render-html';
import { tocList } from './toc-list';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { escapeHeadingEnd, escapeLineStarts, escapeMarkdown, linkDestination } = escape;
const { mdImage, mdInlines } = inline;

type ListBlock = Extract<Block, { kind: 'list' }>;

/** GitHub's alert types, by meaning; a plain panel stays a plain quote. */
const ALERTS: Readonly<Record<CalloutVariant, string | undefined>> = {
  info: 'NOTE',
  note: 'IMPORTANT',
  warning: 'WARNING',
  error: 'CAUTION',
  success: 'TIP',
  tip: 'TIP',
  panel: undefined,
};

/** The titles GitHub shows on its alerts, for callouts written as plain quotes. */
const ALERT_LABELS: Readonly<Record<string, string>> = {
  NOTE: 'Note',
  IMPORTANT: 'Important',
  WARNING: 'Warning',
  CAUTION: 'Caution',
  TIP: 'Tip',
};

/** GitHub-flavoured Markdown; tables it cannot express stay HTML tables. */
export function renderMarkdown(doc: StorageDocument): string {
  const writer = new LineWriter();
  new MarkdownRenderer(doc, writer).blocks(doc.blocks, false);
  return writer.toString();
}

class MarkdownRenderer {
  private readonly html: HtmlRenderer;
  /** How many lists, quotes, callouts and expands the blocks being written are in. */
  private depth = 0;

  constructor(
    private readonly doc: StorageDocument,
    private readonly w: LineWriter,
  ) {
    this.html = new HtmlRenderer(doc.headings);
  }

  blocks(blocks: readonly Block[], tight: boolean): void {
    let previous: Block | undefined;
    for (const block of blocks) {
      if (block.kind === 'toc' && tocList(block, this.doc.headings) === undefined) continue;
      if (previous !== undefined && !tight) this.w.blank();
      // Two lists in a row would merge into one: an HTML comment keeps them apart.
      if (previous?.kind === 'list' && block.kind === 'list') {
        this.w.blank();
        this.w.write('<!-- -->');
        this.w.blank();
      }
      this.block(block);
      previous = block;
    }
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'paragraph':
        return this.w.write(escapeLineStarts(mdInlines(block.children, 'flow')));
      case 'heading':
        return this.w.write(
          `${'#'.repeat(block.level)} ${escapeHeadingEnd(mdInlines(block.children, 'line'))}`,
        );
      case 'list':
        return this.list(block);
      case 'code':
        return this.code(block.text, block.language, block.title);
      case 'quote':
        return this.nested(() => this.w.nest('> ', '> ', () => this.blocks(block.children, false)));
      case 'callout':
        return this.callout(block.variant, block.title, block.children);
      case 'expand':
        return this.expand(block.title, block.children);
      case 'table':
        return this.w.write(markdownTable(block.rows, this.html.cell));
      case 'rule':
        return this.w.write('---');
      case 'figure':
        return this.figure(block);
      case 'toc': {
        const list = tocList(block, this.doc.headings);
        return list === undefined ? undefined : this.list(list);
      }
      case 'notice': {
        const text = escapeMarkdown(block.text);
        return this.w.write(
          block.href === undefined ? `*\\[${text}\\]*` : `*[${text}](${linkDestination(block.href)})*`,
        );
      }
      case 'section':
        return this.blocks(block.children, false);
      default:
        return assertNever(block, 'block');
    }
  }

  private nested(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  private list(list: ListBlock): void {
    const loose = list.items.some((item) => !isTight(item));
    this.nested(() =>
      list.items.forEach((item, i) => {
        if (i > 0 && loose) this.w.blank();
        const marker = listMarker(list, item, i);
        this.w.nest(marker, ' '.repeat(list.style === 'task' ? 2 : marker.length), () => {
          if (list.style === 'task' && item.blocks[0]?.kind !== 'paragraph') this.emptyTask(item, loose);
          this.blocks(item.blocks, !loose);
        });
      }),
    );
  }

  /**
   * GitHub draws a checkbox only where text follows `[ ]` on the item's first line (cmark-gfm's task
   * list pattern): a task with no text gets a no-break space, and a blank line before blocks that could
   * not follow it in one paragraph. UNVERIFIED: that GitHub draws the box when that text is `&nbsp;`.
   */
  private emptyTask(item: ListItem, loose: boolean): void {
    this.w.write('&nbsp;');
    const first = item.blocks[0];
    const interrupts = first?.kind === 'list' && (first.style !== 'ordered' || first.start === 1);
    if (first !== undefined && (loose || !interrupts)) this.w.blank();
  }

  private code(text: string, language: string | undefined, title: string | undefined): void {
    if (title !== undefined) {
      this.w.write(`**${escapeMarkdown(title)}**`);
      this.w.blank();
    }
    let longest = 2;
    for (const run of text.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
    const fence = '`'.repeat(longest + 1);
    this.w.write(fence + (language ?? '').replace(/[^\w+#.-]/g, ''));
    if (text !== '') this.w.write(text.endsWith('\n') ? text.slice(0, -1) : text);
    this.w.write(fence);
  }

  /**
   * A GitHub alert at the top level. GitHub does not render alerts nested in other elements (they show
   * a literal `[!NOTE]`), so a nested callout is a plain quote led by the alert's title in bold.
   * UNVERIFIED: that an alert inside `<details>` counts as nested; it is written as a plain quote too.
   */
  private callout(variant: CalloutVariant, title: string | undefined, children: readonly Block[]): void {
    const alert = ALERTS[variant];
    const topLevel = this.depth === 0;
    const label = alert === undefined || topLevel ? title : joinLabel(ALERT_LABELS[alert]!, title);
    this.nested(() =>
      this.w.nest('> ', '> ', () => {
        if (alert !== undefined && topLevel) this.w.write(`[!${alert}]`);
        if (label !== undefined) this.w.write(`**${escapeMarkdown(label)}**`);
        if (label !== undefined) this.w.blank();
        this.blocks(children, false);
      }),
    );
  }

  private expand(title: string, children: readonly Block[]): void {
    this.w.write('<details>');
    this.w.write(`<summary>${escapeHtml(title)}</summary>`);
    this.w.blank();
    this.nested(() => this.blocks(children, false));
    this.w.blank();
    this.w.write('</details>');
  }

  private figure(block: Extract<Block, { kind: 'figure' }>): void {
    const image = mdImage(block.image, 'flow');
    if (block.caption.length === 0) return this.w.write(image);
    const caption = mdInlines(block.caption, 'flow');
    const plain = block.caption.every((node) => node.kind === 'text');
    this.w.write(escapeLineStarts(`${image}\\\n${plain ? `*${caption}*` : caption}`));
  }
}

function joinLabel(label: string, title: string | undefined): string {
  return title === undefined ? label : `${label}: ${title}`;
}

/** One paragraph, optionally followed by lists: no blank lines needed. */
function isTight(item: ListItem): boolean {
  return item.blocks.every((block, i) =>
    i === 0 ? block.kind === 'paragraph' || block.kind === 'list' : block.kind === 'list',
  );
}

function listMarker(list: ListBlock, item: ListItem, index: number): string {
  switch (list.style) {
    case 'bullet':
      return '- ';
    case 'ordered':
      return `${list.start + index}. `;
    case 'task':
      return item.checked === true ? '- [x] ' : '- [ ] ';
    default:
      return assertNever(list.style, 'list style');
  }
}
