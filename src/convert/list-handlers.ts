import type { BuildContext, ElementHandler } from './build-context';
import type { ListItem } from './doc-model';
import { childElement, textContent, type XmlElement, type XmlNode } from './xml-tree';

const MAX_START = 1_000_000_000;

/** `<ul>` / `<ol start>`: one item per `<li>`; stray content between items joins the item before it. */
export function listHandler(ordered: boolean): ElementHandler {
  return (el, b, ctx) => {
    const items: ListItem[] = [];
    let stray: XmlNode[] = [];
    for (const child of el.children) {
      if (child.type === 'element' && child.name === 'li') {
        stray = addStray(items, stray, ctx);
        items.push({ blocks: ctx.flow(child.children) });
      } else if (child.type === 'element' || child.value.trim() !== '') {
        stray.push(child);
      }
    }
    addStray(items, stray, ctx);
    if (items.length === 0) return;
    b.addBlock({ kind: 'list', style: ordered ? 'ordered' : 'bullet', start: startOf(el), items });
  };
}

/** Content between items (malformed) joins the item before it; returns a fresh stray list. */
function addStray(items: ListItem[], stray: XmlNode[], ctx: BuildContext): XmlNode[] {
  if (stray.length === 0) return stray;
  const blocks = ctx.flow(stray);
  const last = items[items.length - 1];
  if (last === undefined && blocks.length > 0) items.push({ blocks });
  else if (last !== undefined) for (const block of blocks) last.blocks.push(block);
  return [];
}

function startOf(el: XmlElement): number {
  const start = Number.parseInt(el.attrs.start ?? '', 10);
  return Number.isFinite(start) ? Math.min(Math.max(start, 0), MAX_START) : 1;
}

/** `<ac:task-list>`: `<ac:task>` items with a status and an optional body. */
export const taskList: ElementHandler = (el, b, ctx) => {
  const items: ListItem[] = [];
  for (const child of el.children) {
    if (child.type === 'element' && child.name === 'ac:task') items.push(taskItem(child, ctx));
    else if (child.type === 'element') items.push({ checked: false, blocks: ctx.flow([child]) });
  }
  if (items.length > 0) b.addBlock({ kind: 'list', style: 'task', start: 1, items });
};

/** A task outside a task list (malformed): a list of one. */
export const strayTask: ElementHandler = (el, b, ctx) =>
  b.addBlock({ kind: 'list', style: 'task', start: 1, items: [taskItem(el, ctx)] });

function taskItem(task: XmlElement, ctx: BuildContext): ListItem {
  const status = childElement(task, 'ac:task-status');
  const body = childElement(task, 'ac:task-body');
  return {
    checked: status !== undefined && textContent(status).trim().toLowerCase() === 'complete',
    blocks: body === undefined ? [] : ctx.flow(body.children),
  };
}
