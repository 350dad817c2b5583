/** The storage-format converter's public surface. */
export { convert, convertMany, parseStorage, renderDocument } from './convert';
export type { ConvertOptions, ImageSource, LinkTarget, PageRef } from './convert-options';
export { CONVERT_FORMATS } from './convert-result';
export type {
  ConvertFormat,
  ConvertResult,
  ConvertWarning,
  ImageRef,
  LinkRef,
  WarningCode,
} from './convert-result';
export type { StorageDocument } from './doc-model';
