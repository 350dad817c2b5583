import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertCommand } from '../../../src/cli/convert-command';

function capture(): { out: () => string; err: () => string; restore: () => void } {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  return { out: () => out, err: () => err, restore: () => (stdout.mockRestore(), stderr.mockRestore()) };
}

describe('relay convert', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-convert-'));
  const file = join(dir, 'page.xml');
  writeFileSync(file, '<p>Hello <strong>world</strong></p><ac:structured-macro ac:name="mystery"/>');

  it('converts FILE to the format asked for, warnings on stderr', async () => {
    const io = capture();
    try {
      expect(await convertCommand(['--to', 'markdown', file])).toBe(0);
      expect(io.out()).toBe('Hello **world**\n\n*\\[macro: mystery\\]*\n');
      expect(io.err()).toBe('warning [unknown-macro]: macro "mystery" is not supported: shown as text\n');
    } finally {
      io.restore();
    }
  });

  it('passes the site options on', async () => {
    writeFileSync(join(dir, 'link.xml'), '<p><ac:link><ri:page ri:content-title="Home"/></ac:link></p>');
    const io = capture();
    try {
      const args = [
        '--to=html',
        '--base-url',
        'https://acme.atlassian.net/wiki',
        '--space-key',
        'ENG',
        join(dir, 'link.xml'),
      ];
      expect(await convertCommand(args)).toBe(0);
      expect(io.out()).toBe('<p><a href="https://acme.atlassian.net/wiki/display/ENG/Home">Home</a></p>\n');
    } finally {
      io.restore();
    }
  });

  it.each([
    [['--to', 'pdf', 'x.xml'], 'unknown format "pdf"'],
    [['x.xml'], '--to is required'],
    [['--to', 'text', '--frobnicate'], 'unknown option --frobnicate'],
    [['--to', 'text', 'a', 'b'], 'only one FILE may be given'],
  ])('%j: usage error, exit 2', async (args, message) => {
    const io = capture();
    try {
      expect(await convertCommand(args)).toBe(2);
      expect(io.err()).toContain(message);
    } finally {
      io.restore();
    }
  });

  it('an unreadable file exits 1', async () => {
    const io = capture();
    try {
      expect(await convertCommand(['--to', 'text', join(dir, 'missing.xml')])).toBe(1);
      expect(io.err()).toContain('cannot read');
    } finally {
      io.restore();
    }
  });
});
