import { badRequest } from './api-error';

/** Strict query-string parsing: a malformed value is a 400, as the real API answers. */
export class QueryReader {
  constructor(readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) throw badRequest(`Query parameter '${name}' given more than once`);
    return values[0];
  }

  /** `?a=x&a=y` and `?a=x,y` both give [x, y]; empty entries are refused. */
  list(name: string): string[] {
    const values = this.params.getAll(name).flatMap((value) => value.split(','));
    if (values.some((value) => value.trim() === ''))
      throw badRequest(`Query parameter '${name}' has an empty value`);
    return values.map((value) => value.trim());
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw badRequest(
      `Provided value {${value}} for '${name}' is not the correct type. Expected type is boolean`,
    );
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const value = this.string(name);
    if (value === undefined) return fallback;
    const parsed = /^-?[0-9]+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw badRequest(
        `Provided value {${value}} for '${name}' is not valid: expected an integer in ${min}..${max}`,
      );
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined)
      throw badRequest(`Provided value {${value}} for '${name}' must be one of ${allowed.join(', ')}`);
    return found;
  }

  listOf<T extends string>(name: string, allowed: readonly T[]): T[] {
    return this.list(name).map((value) => {
      const found = allowed.find((candidate) => candidate === value);
      if (found === undefined)
        throw badRequest(`Provided value {${value}} for '${name}' must be one of ${allowed.join(', ')}`);
      return found;
    });
  }
}
