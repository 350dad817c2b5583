import { badRequest } from './api-error';

/** The CQL the fake understands: `ancestor = <id>`, optionally `and type = <type>`, either order. */
export interface CqlQuery {
  ancestorId: string;
  type?: ContentType;
}

const CONTENT_TYPES = ['page', 'blogpost', 'comment', 'attachment'] as const;
type ContentType = (typeof CONTENT_TYPES)[number];

/** Quoted strings, operators, punctuation and bare words; `y` keeps the scan anchored. */
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|!~|>=|<=|[=~<>(),]|[^\s=~<>!(),"']+)/y;

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

/**
 * Parses the supported subset of CQL. Field names and `and` are case-insensitive; values may be
 * quoted. Anything else — another field, operator (`!=`, `in`, `~`), `or`, `not`, `order by`, a
 * repeated field — is a 400 "Could not parse cql" naming the problem, so a query the fake cannot
 * answer is never answered wrongly. (Real Confluence accepts far more CQL; its 400 message starts
 * with "Could not parse cql : ".)
 */
export function parseCql(cql: string): CqlQuery {
  const fail: (detail: string) => never = (detail) => {
    throw badRequest(
      `Could not parse cql : ${cql} (fake Confluence supports only "ancestor = <id>" ` +
        `optionally with "and type = page"; ${detail})`,
    );
  };
  const tokens = tokenize(cql, fail);
  if (tokens.length === 0) fail('the query is empty');
  const clauses = new Map<string, string>();
  for (let i = 0; i < tokens.length; i += 4) {
    const [field = '', operator, value, joiner] = tokens.slice(i, i + 4);
    const name = field.toLowerCase();
    if (name !== 'ancestor' && name !== 'type') fail(`unsupported field or keyword "${field}"`);
    if (operator !== '=') fail(`unsupported operator "${operator ?? '(none)'}" after ${field}`);
    if (value === undefined || ['=', '(', ')', ','].includes(value)) fail(`missing value for ${field}`);
    if (clauses.has(name)) fail(`"${name}" given more than once`);
    clauses.set(name, unquote(value));
    if (joiner !== undefined && joiner.toLowerCase() !== 'and') fail(`unsupported keyword "${joiner}"`);
    if (joiner !== undefined && i + 4 >= tokens.length) fail(`nothing after "${joiner}"`);
  }
  const ancestorId = clauses.get('ancestor');
  if (ancestorId === undefined) return fail('an "ancestor = <id>" clause is required');
  if (!/^[0-9]{1,19}$/.test(ancestorId)) fail(`ancestor must be a content id, not "${ancestorId}"`);
  const typeValue = clauses.get('type');
  if (typeValue === undefined) return { ancestorId };
  const type = CONTENT_TYPES.find((candidate) => candidate === typeValue.toLowerCase());
  if (type === undefined) return fail(`unknown content type "${typeValue}"`);
  return { ancestorId, type };
}
