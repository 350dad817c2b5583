import type { ConvertOptions } from './convert-options';
import type { StorageDocument } from './doc-model';
import { DocumentBuilder } from './document-builder';
import { readStorage } from './storage-reader';
import { WarningLog } from './warning-log';
import type { WarningSink } from './warning-sink';

function documentOf(builder: DocumentBuilder, warnings: WarningSink): StorageDocument {
  return {
    blocks: builder.finish(),
    headings: builder.headings.entries,
    links: builder.links,
    images: builder.images,
    warnings: warnings.warnings(),
  };
}

/**
 * Reads storage XHTML and builds the document in one pass, with no tree in between. The parse
 * warnings come first, as if the whole body had been parsed before the document was built.
 */
export function readDocument(input: string, options: ConvertOptions, warnings: WarningSink): StorageDocument {
  const log = new WarningLog();
  const builder = new DocumentBuilder(options, log);
  readStorage(input, warnings, builder);
  log.replayInto(warnings);
  return documentOf(builder, warnings);
}
