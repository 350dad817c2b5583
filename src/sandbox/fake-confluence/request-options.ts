import { badRequest, notFound } from './api-error';
import type { ConfluencePage } from './confluence-model';
import type { QueryReader } from './query-reader';

const SINGLE_FORMATS = [
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
] as const;
const BULK_FORMATS = ['storage', 'atlas_doc_format'] as const;

export const PAGE_STATUSES = ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'] as const;

/**
 * `body-format`: true when the storage body is wanted. The other documented formats are valid for
 * the real API but not served by the fake: 400 with a message that says so, never a silent body.
 */
export function wantsStorageBody(query: QueryReader, kind: 'single' | 'bulk'): boolean {
  const format = query.oneOf('body-format', kind === 'single' ? SINGLE_FORMATS : BULK_FORMATS);
  if (format === undefined) return false;
  if (format !== 'storage')
    throw badRequest(`body-format=${format} is not supported by the fake (only storage)`);
  return true;
}

/** Path ids are integers (given as strings; they exceed 2^31). */
export function numericId(value: string | undefined, name = 'id'): string {
  if (value === undefined || !/^[0-9]{1,19}$/.test(value)) {
    throw badRequest(
      `Provided value {${value ?? ''}} for '${name}' is not the correct type. Expected type is long`,
    );
  }
  return value;
}

/** The page when its status is among `statuses`; otherwise the real API's 404. */
export function visiblePage(
  page: ConfluencePage | undefined,
  statuses: readonly string[],
  message: string,
): ConfluencePage {
  if (page === undefined || !statuses.includes(page.status)) throw notFound(message);
  return page;
}
