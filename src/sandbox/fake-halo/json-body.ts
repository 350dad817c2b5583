import { invalid, pipelineError } from './halo-error';
import type { HaloRequest } from './route-types';

export type JsonObject = Record<string, unknown>;

/** JSON media types ASP.NET's JSON formatter reads (HALO-TS sends `application/json-patch+json`). */
const JSON_TYPE = /^(application\/json|text\/json|application\/[\w.-]+\+json)\s*(;|$)/i;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body of a create/update POST: a JSON array of objects (targets.md A.2). A bare object is
 * refused with 400 (UNVERIFIED: what Halo does with one), and so is an empty array.
 */
export function readJsonArray(req: HaloRequest): JsonObject[] {
  const type = req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw pipelineError(415, `The request entity's media type '${type}' is not supported for this resource.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw invalid(`The request body is not valid JSON: ${error.message}`);
  }
  if (!Array.isArray(parsed)) throw invalid('The request body must be a JSON array of records');
  if (parsed.length === 0) throw invalid('The request body contains no records');
  return parsed.map((item, index) => {
    if (!isObject(item)) throw invalid(`Record ${index} is not a JSON object`);
    return item;
  });
}

/** A field that is absent or null reads as undefined (not sent); any other wrong type is a 400. */
export function optString(record: JsonObject, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Error converting value for '${key}': expected a string`);
  return value;
}

export function optBool(record: JsonObject, key: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`Error converting value for '${key}': expected a boolean`);
  return value;
}

/** 0 (or absent) means "new record", as in targets.md A.2. */
export function recordId(record: JsonObject): number {
  const value = record.id ?? 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw invalid(`Error converting value for 'id': expected a non-negative integer`);
  return value;
}

/** `[{ "id": 7 }, …]` → `[7, …]`; every entry needs a positive integer id. */
export function optIdList(record: JsonObject, key: string): number[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(`Error converting value for '${key}': expected an array`);
  return value.map((entry: unknown) => {
    const id = isObject(entry) ? entry.id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
      throw invalid(`Every entry of '${key}' needs a positive integer 'id'`);
    return id;
  });
}

export function optObjectList(record: JsonObject, key: string): JsonObject[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isObject))
    throw invalid(`Error converting value for '${key}': expected an array of objects`);
  return value;
}
