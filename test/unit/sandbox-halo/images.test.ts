import type { Kit } from './halo-test-kit';
import { at, startKit } from './halo-test-kit';

let kit: Kit;
let token: string;

beforeEach(async () => {
  kit = await startKit();
  token = await kit.token();
});
afterEach(() => kit.halo.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** The form HALO-TS sends (targets.md A.6). */
function imageForm(file: Buffer | null = PNG, filename = 'diagram.png', type = 'image/png'): FormData {
  const form = new FormData();
  form.append('ticket_id', '');
  form.append('image_upload_id', '0');
  form.append('image_upload_key', '');
  if (file !== null) form.append('file', new Blob([new Uint8Array(file)], { type }), filename);
  return form;
}

describe('fake Halo: /api/attachment/image', () => {
  it('uploads multipart and answers {link}; the link serves the bytes without a token', async () => {
    const reply = await kit.call('POST', '/api/attachment/image', { token, body: imageForm() });
    expect(reply.status).toBe(200);
    const { link } = reply.json as { link: string };
    expect(reply.json).toEqual({
      link: expect.stringMatching(/\/api\/attachment\/image\?token=[0-9a-f]{32}$/),
    });
    expect(link.startsWith(`${kit.halo.url}/api/attachment/image?token=`)).toBe(true);
    const image = await fetch(link);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    expect(kit.halo.state().images).toEqual([
      {
        token: link.split('token=')[1],
        link,
        filename: 'diagram.png',
        contentType: 'image/png',
        size: PNG.length,
        uploadedAt: at(),
      },
    ]);
  });

  it('refuses no file part, a non-image, an empty file; needs a token; 415 for JSON', async () => {
    const rejected = (Message: string) => ({ status: 400, json: { ClassName: 'System.Exception', Message } });
    const upload = (body: FormData) => kit.call('POST', '/api/attachment/image', { token, body });
    expect(await upload(imageForm(null))).toMatchObject(rejected("The upload has no 'file' part"));
    expect(await upload(imageForm(PNG, 'notes.txt', 'text/plain'))).toMatchObject(
      rejected("'notes.txt' is not an image file"),
    );
    expect(await upload(imageForm(Buffer.alloc(0)))).toMatchObject(
      rejected("The uploaded file 'diagram.png' is empty"),
    );
    expect((await kit.call('POST', '/api/attachment/image', { body: imageForm() })).status).toBe(401);
    const json = await kit.call('POST', '/api/attachment/image', { token, json: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(kit.halo.state().images).toEqual([]);
  });

  it('a malformed multipart body is a 400; an unknown image token a 404', async () => {
    const broken = await kit.call('POST', '/api/attachment/image', {
      token,
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nxx',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
    });
    expect(broken).toMatchObject({ status: 400, json: { Message: 'The multipart body is truncated' } });
    expect((await kit.call('GET', '/api/attachment/image?token=feed')).status).toBe(404);
  });
});
