/**
 * Bitrix24 `batch` commands are `method?query` strings (targets.md B.2) in PHP's
 * `http_build_query` form: nested keys as `filter[>CHANGED_DATE]=…`, list items as `select[0]=ID`.
 */
export function phpQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(`${key}[${i}]`, v));
    else if (typeof value === 'object')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(`${key}[${k}]`, v);
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value as string | number))}`);
  };
  for (const [k, v] of Object.entries(params)) walk(k, v);
  return parts.join('&');
}

/** One batch command: `method?query`. */
export function batchCommand(method: string, params: Record<string, unknown>): string {
  const query = phpQuery(params);
  return query === '' ? method : `${method}?${query}`;
}
