import { badRequest } from './api-error';

/**
 * The CQL the fake understands: `ancestor = <id>` and/or `space = <key>`, optionally with
 * `type = <type>` and `lastmodified >= | > "<date>"`, joined by `and` in any order, and an optional
 * trailing `order by lastmodified | created [asc | desc]`.
 */
export interface CqlQuery {
  ancestorId?: string;
  spaceKey?: string;
  type?: ContentType;
  /** Milliseconds since the epoch; `inclusive` for `>=`. */
  modifiedFrom?: { at: number; inclusive: boolean };
  order?: { field: 'lastmodified' | 'created'; direction: 'asc' | 'desc' };
}

const CONTENT_TYPES = ['page', 'blogpost', 'comment', 'attachment'] as const;
type ContentType = (typeof CONTENT_TYPES)[number];
const FIELDS = ['ancestor', 'space', 'type', 'lastmodified'] as const;
type Field = (typeof FIELDS)[number];

/** Quoted strings, operators, punctuation and bare words; `y` keeps the scan anchored. */
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|!~|>=|<=|[=~<>(),]|[^\s=~<>!(),"']+)/y;

/**
 * CQL date literals: `yyyy/MM/dd HH:mm`, `yyyy-MM-dd HH:mm`, `yyyy/MM/dd`, `yyyy-MM-dd`
 * (Atlassian's CQL field reference). Confluence reads them in the searching user's time zone; the
 * fake's app user is on UTC (UNVERIFIED which zone an app's searches use on a live site).
 */
const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/;

function tokenize(cql: string, fail: (detail: string) => never): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < cql.length) {
    if (cql.slice(TOKEN.lastIndex).trim() === '') break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(cql);
    if (match?.[1] === undefined) fail(`unexpected character at position ${at}`);
    tokens.push(match[1]);
  }
  return tokens;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return quoted?.[2] === undefined ? value : quoted[2].replace(/\\(.)/g, '$1');
}

function parseDate(value: string, fail: (detail: string) => never): number {
  const m = DATE.exec(value);
  if (m === null) return fail(`"${value}" is not a date (yyyy-MM-dd or yyyy-MM-dd HH:mm)`);
  const [, y, mo, d, h = '00', mi = '00'] = m;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (new Date(at).toISOString().slice(0, 16) !== `${y}-${mo}-${d}T${h}:${mi}`)
    fail(`"${value}" is not a valid date`);
  return at;
}

/** Removes a trailing `order by <field> [asc|desc]` from `tokens` and returns it. */
function takeOrder(tokens: string[], fail: (detail: string) => never): CqlQuery['order'] {
  const at = tokens.findIndex((t) => t.toLowerCase() === 'order');
  if (at < 0) return undefined;
  const [, by, field, direction, ...rest] = tokens.splice(at);
  if (by?.toLowerCase() !== 'by') fail('"order" must be followed by "by"');
  const name = field?.toLowerCase();
  if (name !== 'lastmodified' && name !== 'created') fail(`unsupported order field "${field ?? '(none)'}"`);
  const dir = (direction ?? 'asc').toLowerCase();
  if ((dir !== 'asc' && dir !== 'desc') || rest.length > 0) fail(`unexpected "${direction}" after order by`);
  return { field: name, direction: dir };
}

function fieldOf(token: string, fail: (detail: string) => never): Field {
  const name = FIELDS.find((f) => f === token.toLowerCase());
  return name ?? fail(`unsupported field or keyword "${token}"`);
}

/**
 * Parses the supported subset of CQL. Field names, `and` and `order by` are case-insensitive;
 * values may be quoted. Anything else — another field, operator (`!=`, `in`, `~`), `or`, `not`, a
 * repeated field — is a 400 "Could not parse cql" naming the problem, so a query the fake cannot
 * answer is never answered wrongly. (Real Confluence accepts far more CQL; its 400 message starts
 * with "Could not parse cql : ".)
 */
export function parseCql(cql: string): CqlQuery {
  const fail: (detail: string) => never = (detail) => {
    throw badRequest(
      `Could not parse cql : ${cql} (fake Confluence supports only "ancestor = <id>" or ` +
        `"space = <key>", with "and type = page", "and lastmodified >= <date>" and ` +
        `"order by lastmodified|created"; ${detail})`,
    );
  };
  const tokens = tokenize(cql, fail);
  const order = takeOrder(tokens, fail);
  if (tokens.length === 0) fail('the query is empty');
  const query: CqlQuery = order ? { order } : {};
  const seen = new Set<Field>();
  for (let i = 0; i < tokens.length; i += 4) {
    const [field = '', operator, value, joiner] = tokens.slice(i, i + 4);
    const name = fieldOf(field, fail);
    const ops = name === 'lastmodified' ? ['>=', '>'] : ['='];
    if (operator === undefined || !ops.includes(operator))
      fail(`unsupported operator "${operator ?? '(none)'}" after ${field}`);
    if (value === undefined || ['=', '(', ')', ','].includes(value)) fail(`missing value for ${field}`);
    if (seen.has(name)) fail(`"${name}" given more than once`);
    seen.add(name);
    assign(query, name, operator, unquote(value), fail);
    if (joiner !== undefined && joiner.toLowerCase() !== 'and') fail(`unsupported keyword "${joiner}"`);
    if (joiner !== undefined && i + 4 >= tokens.length) fail(`nothing after "${joiner}"`);
  }
  if (query.ancestorId === undefined && query.spaceKey === undefined)
    fail('an "ancestor = <id>" or "space = <key>" clause is required');
  return query;
}

function assign(
  query: CqlQuery,
  name: Field,
  operator: string,
  value: string,
  fail: (detail: string) => never,
): void {
  switch (name) {
    case 'ancestor':
      if (!/^[0-9]{1,19}$/.test(value)) fail(`ancestor must be a content id, not "${value}"`);
      query.ancestorId = value;
      return;
    case 'space':
      if (!/^~?[A-Za-z0-9_-]{1,255}$/.test(value)) fail(`"${value}" is not a space key`);
      query.spaceKey = value;
      return;
    case 'type': {
      const type = CONTENT_TYPES.find((candidate) => candidate === value.toLowerCase());
      query.type = type ?? fail(`unknown content type "${value}"`);
      return;
    }
    case 'lastmodified':
      query.modifiedFrom = { at: parseDate(value, fail), inclusive: operator === '>=' };
      return;
  }
}
