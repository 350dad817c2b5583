export interface MultipartFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MultipartBody {
  /** `multipart/form-data; boundary=…` */
  contentType: string;
  body: Uint8Array;
}

/** A header parameter value: no quotes, backslashes or line breaks (RFC 7578 §4.2). */
function quoted(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '_');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A `multipart/form-data` body (RFC 7578) built by hand: text fields first, then the file. The
 * boundary is random and checked against the file's bytes.
 */
export function buildMultipart(fields: Record<string, string>, file: MultipartFile): MultipartBody {
  const encoder = new TextEncoder();
  let boundary = '';
  do boundary = `----RelayFormBoundary${crypto.randomUUID().replace(/-/g, '')}`;
  while (contains(file.bytes, encoder.encode(boundary)));
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      encoder.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.filename)}"\r\n` +
        `Content-Type: ${quoted(file.contentType)}\r\n\r\n`,
    ),
    file.bytes,
    encoder.encode(`\r\n--${boundary}--\r\n`),
  );
  const body = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}
