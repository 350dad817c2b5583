import { invalid } from './halo-error';

export interface FormPart {
  name: string;
  /** Present for file parts. */
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw invalid('The multipart request has no boundary');
  return boundary;
}

function parseHeaders(block: string): { name: string; filename?: string; contentType?: string } {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') disposition = value;
    if (key === 'content-type') contentType = value;
  }
  const name = disposition === undefined ? undefined : /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (disposition === undefined || !/^form-data/i.test(disposition) || name === undefined)
    throw invalid('A multipart section has no form-data name');
  const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  return { name, filename, contentType };
}

/** A strict `multipart/form-data` reader (RFC 7578): malformed bodies are a 400. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw invalid('The multipart body does not start with its boundary');
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    if (!body.subarray(afterDelimiter, afterDelimiter + 2).equals(CRLF))
      throw invalid('Malformed multipart boundary line');
    const start = afterDelimiter + 2;
    const headerEnd = body.indexOf(HEADER_END, start);
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), start);
    if (headerEnd < 0 || next < 0 || headerEnd > next) throw invalid('The multipart body is truncated');
    const headers = parseHeaders(body.subarray(start, headerEnd).toString('utf8'));
    parts.push({
      name: headers.name,
      filename: headers.filename,
      contentType: headers.contentType,
      data: Buffer.from(body.subarray(headerEnd + HEADER_END.length, next)),
    });
    at = next + CRLF.length;
  }
}
