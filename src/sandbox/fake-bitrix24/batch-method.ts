import type { Clock } from '../../ports/clock';
import { MethodError, phpMap, timing } from './bitrix-replies';
import type { MethodResult } from './bitrix-replies';
import type { MethodSpec } from './method-table';
import { parsePhpQuery } from './php-query-parse';

const LIMIT = 50;

/**
 * `batch` (B.2): up to 50 `method?query` commands; one request against the bucket. Always 200:
 * each command answers in `result` or `result_error`, with `result_total`, `result_next`,
 * `result_time`, every empty map as `[]`. More than 50: 400 `ERROR_BATCH_LENGTH_EXCEEDED`; a
 * nested batch or a REST 3.0 method: 405 `ERROR_BATCH_METHOD_NOT_ALLOWED` (UNVERIFIED for v3).
 */
export function runBatch(
  params: Record<string, unknown>,
  call: (method: string, params: Record<string, unknown>) => MethodResult,
  methods: Map<string, MethodSpec>,
  clock: Clock,
): MethodResult {
  const cmd = params.cmd;
  if (typeof cmd !== 'object' || cmd === null) throw new MethodError(400, 'ERROR_BATCH_EMPTY', 'Empty batch');
  const entries = Object.entries(cmd as Record<string, unknown>);
  if (entries.length > LIMIT)
    throw new MethodError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded');
  const halt = String(params.halt ?? '0') === '1' || params.halt === true;
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  const totals: Record<string, unknown> = {};
  const nexts: Record<string, unknown> = {};
  const times: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const text = String(value);
    const q = text.indexOf('?');
    const method = (q < 0 ? text : text.slice(0, q)).toLowerCase();
    if (method === 'batch' || methods.get(method)?.v3)
      throw new MethodError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage');
    try {
      const done = call(method, parsePhpQuery(q < 0 ? '' : text.slice(q + 1)));
      result[key] = done.result;
      if (done.total !== undefined) totals[key] = done.total;
      if (done.next !== undefined) nexts[key] = done.next;
      times[key] = timing(clock, clock.now() + 600_000);
    } catch (error) {
      if (!(error instanceof MethodError)) throw error;
      errors[key] = { error: error.code, error_description: `${error.description}<br>` };
      if (halt) break;
    }
  }
  return {
    result: {
      result: phpMap(result),
      result_error: phpMap(errors),
      result_total: phpMap(totals),
      result_next: phpMap(nexts),
      result_time: phpMap(times),
    },
  };
}
