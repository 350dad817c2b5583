/**
 * The attributes the converter reads. The parser keeps only these, which keeps the tree small;
 * everything else (style colours, macro ids, local ids, data-*, ac:layout, …) never reaches the output.
 */
export const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'ac:name',
  'ac:anchor',
  'ac:alt',
  'ac:title',
  'ac:width',
  'ac:height',
  'ac:emoji-fallback',
  'ac:emoji-id',
  'ac:emoji-shortname',
  'ac:shortcut',
  'ri:content-title',
  'ri:space-key',
  'ri:filename',
  'ri:account-id',
  'ri:userkey',
  'ri:username',
  'ri:value',
  'ri:posting-day',
  'ri:content-id',
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'start',
  'datetime',
  'style',
  'class',
  'type',
  'key',
  'id',
  'name',
  'align',
]);

/** HTML elements that never have content, even when written without a closing slash. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'br',
  'hr',
  'img',
  'col',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'wbr',
  'source',
  'embed',
  'param',
  'track',
]);

/** Elements dropped with everything inside them while parsing: formatting marks and task bookkeeping. */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'ac:adf-mark',
  'ac:adf-fragment-mark',
  'ac:task-id',
  'ac:task-uuid',
  'ac:placeholder',
  'colgroup',
]);

/**
 * Elements whose content is never shown (scripts, styles, embedded objects, form controls, the ADF
 * copy of a page): dropped with everything inside them while parsing, with a warning, so their text
 * reaches no output, no link text and no code block.
 */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  ...['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript'],
  ...['template', 'svg', 'math', 'canvas', 'audio', 'video', 'input', 'button', 'select'],
  ...['textarea', 'option', 'fab:adf'],
]);
