import { invalid } from './halo-error';

/**
 * Query parameters as ASP.NET binds them: names are case-insensitive, the first value wins, unknown
 * names are ignored (so an unsupported filter silently filters nothing, as on the real API), and a
 * value that does not convert to the parameter's type is a 400. UNVERIFIED: the exact message text.
 */
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of this.params) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.string(name);
    if (value === undefined || value === '') return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalid(`The value '${value}' is not valid for ${name}.`);
  }

  int(name: string, min: number, fallback: number): number {
    const value = this.string(name);
    if (value === undefined || value === '') return fallback;
    const parsed = /^-?[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed > 2_147_483_647)
      throw invalid(`The value '${value}' is not valid for ${name}.`);
    if (parsed < min) throw invalid(`${name} must be at least ${min}.`);
    return parsed;
  }
}

/** A path id: a positive 32-bit integer, else 400 (ASP.NET cannot bind it to `int id`). */
export function pathId(value: string | undefined): number {
  const parsed = value !== undefined && /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed > 2_147_483_647)
    throw invalid(`The value '${value ?? ''}' is not valid for id.`);
  return parsed;
}
