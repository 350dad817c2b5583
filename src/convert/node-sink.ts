/** The attributes the converter keeps (see kept-attributes.ts). Never mutate a shared empty one. */
export type XmlAttrs = Record<string, string>;

/**
 * Receives a parsed storage body as a stream of nodes, exactly as the raw tree would hold them: names
 * lower-cased, only kept attributes, adjacent text merged into one node, skipped elements gone and
 * elements nested past MAX_DEPTH flattened into their ancestor. Every `open` is matched by a `close`.
 */
export interface NodeSink {
  open(name: string, attrs: XmlAttrs): void;
  /**
   * `plain`: the text is known to hold no tab, line break, form feed or two spaces in a row, so it
   * needs no whitespace collapsing (false when unknown).
   */
  text(value: string, cdata: boolean, plain: boolean): void;
  close(): void;
}
