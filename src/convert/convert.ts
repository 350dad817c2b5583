import { assertNever } from '../domain/assert-never';
import { bbcodeDialect, escapeBbcode } from './bbcode-dialect';
import { readDocument } from './build-document';
import type { ConvertOptions } from './convert-options';
import type { ConvertFormat, ConvertResult } from './convert-result';
import type { StorageDocument } from './doc-model';
import { escapeHtml } from './html-escape';
import { escapeMarkdown } from './markdown-escape';
import { parseXml } from './parse-xml';
import { textDialect } from './plain-dialect';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { PlainRenderer } from './render-plain';
import { WarningSink } from './warning-sink';
import { textContent } from './xml-tree';

/** Parses a storage-format body once; render it with `renderDocument` to as many formats as needed. */
export function parseStorage(storage: string, options: ConvertOptions = {}): StorageDocument {
  const warnings = new WarningSink();
  const input = typeof storage === 'string' ? storage : String(storage ?? '');
  // Characters XML does not allow are removed as the reader meets them (see storage-reader.ts).
  return readDocument(input, options, warnings);
}

export function renderDocument(doc: StorageDocument, format: ConvertFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(doc);
    case 'markdown':
      return renderMarkdown(doc);
    case 'bbcode':
      return new PlainRenderer(bbcodeDialect, doc.headings).render(doc.blocks);
    case 'text':
      return new PlainRenderer(textDialect, doc.headings).render(doc.blocks);
    default:
      return assertNever(format, 'format');
  }
}

/**
 * Converts a Confluence storage-format body to `format`. Never throws: malformed input gives
 * best-effort output and warnings; links and images list what the body references.
 */
export function convert(storage: string, format: ConvertFormat, options: ConvertOptions = {}): ConvertResult {
  return convertMany(storage, [format], options)[format]!;
}

/** Converts one body to several formats, parsing it once. */
export function convertMany(
  storage: string,
  formats: readonly ConvertFormat[],
  options: ConvertOptions = {},
): Partial<Record<ConvertFormat, ConvertResult>> {
  const results: Partial<Record<ConvertFormat, ConvertResult>> = {};
  try {
    const doc = parseStorage(storage, options);
    for (const format of formats) {
      results[format] = {
        output: renderDocument(doc, format),
        warnings: doc.warnings,
        links: doc.links,
        images: doc.images,
      };
    }
  } catch (error) {
    // A bug, not bad input (bad input is handled above): still give the caller the text, and say why.
    const message = error instanceof Error ? error.message : String(error);
    const text = plainFallback(storage);
    for (const format of formats) {
      results[format] = {
        output: escapeFor(format, text),
        warnings: [{ code: 'internal-error', message }],
        links: [],
        images: [],
      };
    }
  }
  return results;
}

function escapeFor(format: ConvertFormat, text: string): string {
  switch (format) {
    case 'html':
      return `<p>${escapeHtml(text)}</p>`;
    case 'markdown':
      return escapeMarkdown(text);
    case 'bbcode':
      return escapeBbcode(text);
    case 'text':
      return text;
    default:
      return assertNever(format, 'format');
  }
}

function plainFallback(storage: string): string {
  const warnings = new WarningSink();
  return textContent(parseXml(String(storage ?? ''), warnings))
    .replace(/\s+/g, ' ')
    .trim();
}
