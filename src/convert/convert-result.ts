import type { ImageSource, LinkTarget } from './convert-options';

/** The formats the converter renders. */
export type ConvertFormat = 'html' | 'markdown' | 'bbcode' | 'text';

export const CONVERT_FORMATS: readonly ConvertFormat[] = ['html', 'markdown', 'bbcode', 'text'];

export type WarningCode =
  | 'unknown-macro'
  | 'dynamic-macro'
  | 'unknown-element'
  | 'dropped-element'
  | 'unresolved-link'
  | 'unresolved-user'
  | 'unresolved-image'
  | 'unsafe-url'
  | 'malformed-markup'
  | 'nesting-too-deep'
  | 'invalid-characters'
  | 'internal-error'
  | 'too-many-warnings';

/** Something the output does not show the way Confluence does; for the delivery log. */
export interface ConvertWarning {
  code: WarningCode;
  message: string;
}

/** A link found in the body, with the URL it was rendered with (absent when unresolved or unsafe). */
export interface LinkRef {
  target: LinkTarget;
  text: string;
  url?: string;
}

/** An image found in the body, so that targets can re-host it. */
export interface ImageRef {
  source: ImageSource;
  url?: string;
  alt: string;
  caption?: string;
  width?: number;
  height?: number;
}

export interface ConvertResult {
  output: string;
  warnings: ConvertWarning[];
  links: LinkRef[];
  images: ImageRef[];
}
