import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HaloRequest, Reply } from './route-types';

/**
 * The largest request body accepted: 30,000,000 bytes, the default limit of both Kestrel and IIS
 * (ASP.NET). UNVERIFIED that Halo keeps the default. Larger bodies get 413.
 */
export const MAX_REQUEST_BYTES = 30_000_000;

export type ReadResult =
  { kind: 'ok'; request: HaloRequest } | { kind: 'too-large'; path: string; method: string };

function headerReader(req: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}

/** Reads the whole request; stops reading (and reports too-large) past MAX_REQUEST_BYTES. */
export async function readRequest(req: IncomingMessage): Promise<ReadResult> {
  const url = new URL(req.url ?? '/', 'http://fake-halo.invalid');
  const method = req.method ?? 'GET';
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_REQUEST_BYTES) return { kind: 'too-large', path: url.pathname, method };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) return { kind: 'too-large', path: url.pathname, method };
    chunks.push(buffer);
  }
  return {
    kind: 'ok',
    request: {
      method,
      path: url.pathname,
      query: url.searchParams,
      header: headerReader(req),
      body: Buffer.concat(chunks),
    },
  };
}

/** Writes a reply: JSON as `application/json; charset=utf-8`, raw bytes as given, else empty. */
export function writeReply(res: ServerResponse, reply: Reply, closeConnection = false): void {
  let body: Buffer = Buffer.alloc(0);
  const headers: Record<string, string> = {};
  if (reply.raw !== undefined) {
    body = reply.raw.data;
    headers['Content-Type'] = reply.raw.contentType;
  } else if (typeof reply.json === 'string') {
    body = Buffer.from(reply.json, 'utf8');
    headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else if (reply.json !== undefined) {
    body = Buffer.from(JSON.stringify(reply.json), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(body.length);
  if (closeConnection) headers.Connection = 'close';
  res.writeHead(reply.status, { ...headers, ...reply.headers });
  res.end(body);
}
