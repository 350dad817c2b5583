import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { invalid, notFound, pipelineError } from './halo-error';
import { parseMultipart } from './multipart-form';
import { QueryParams } from './query-params';
import type { Reply, Route, RouteContext } from './route-types';

/** UNVERIFIED: which file types Halo accepts as inline images. */
const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

/**
 * `POST /api/attachment/image`, multipart/form-data with `file` (binary, with a filename) and the
 * optional `ticket_id` (""), `image_upload_id` ("0"), `image_upload_key` ("") (targets.md A.6,
 * HALO-TS) → 200 `{"link": "{url}/api/attachment/image?token=<hex>"}`. Refused with 400: no `file`
 * part, no filename, an empty file, or a file whose extension is not an image type.
 */
function uploadImage({ req, env }: RouteContext): Reply {
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw pipelineError(415, `The request entity's media type '${type}' is not supported for this resource.`);
  const parts = parseMultipart(req.body, type);
  for (const field of ['ticket_id', 'image_upload_id']) {
    const value = parts.find((p) => p.name === field)?.data.toString('utf8');
    if (value !== undefined && !/^[0-9]*$/.test(value))
      throw invalid(`The value '${value}' is not valid for ${field}.`);
  }
  const file = parts.find((p) => p.name === 'file');
  if (file === undefined) throw invalid("The upload has no 'file' part");
  if (file.filename === undefined || file.filename.trim() === '')
    throw invalid('The uploaded file has no filename');
  if (file.data.length === 0) throw invalid(`The uploaded file '${file.filename}' is empty`);
  const guessed = IMAGE_TYPES[extname(file.filename).toLowerCase()];
  if (guessed === undefined) throw invalid(`'${file.filename}' is not an image file`);
  const token = randomBytes(16).toString('hex');
  const link = `${env.baseUrl}/api/attachment/image?token=${token}`;
  env.store.addImage({
    token,
    filename: file.filename,
    contentType: file.contentType?.startsWith('image/') === true ? file.contentType : guessed,
    data: file.data,
    uploadedAt: env.clock.now(),
  });
  return { status: 200, json: { link } };
}

/**
 * `GET /api/attachment/image?token=…` → the bytes. A capability URL: no bearer token needed
 * (targets.md A.6). 404 for an unknown token (UNVERIFIED body).
 */
function fetchImage({ req, env }: RouteContext): Reply {
  const token = new QueryParams(req.query).string('token') ?? '';
  const image = env.store.image(token);
  if (image === undefined) throw notFound('Image', token === '' ? '(none)' : token);
  return { status: 200, raw: { data: image.data, contentType: image.contentType } };
}

export const imageRoutes: Route[] = [
  { method: 'POST', template: '/api/attachment/image', access: 'image-upload', handle: uploadImage },
  { method: 'GET', template: '/api/attachment/image', access: 'public', handle: fetchImage },
];
