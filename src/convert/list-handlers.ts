import type { BuildContext, ElementHandler } from './build-context';
import type { ListItem } from './doc-model';
import { childElement, textContent, type XmlElement } from './xml-tree';

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
