import { ConsoleLog, MemoryLog } from '../../../src/platform/node/console-log';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';

function capture(): {
  lines: () => Array<Record<string, unknown>>;
  stream: { write(chunk: string): boolean };
} {
  const chunks: string[] = [];
  return {
    stream: { write: (chunk: string) => chunks.push(chunk) > 0 },
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('ConsoleLog', () => {
  it('writes one JSON line per entry at or above the minimum level', () => {
    const out = capture();
    const log = new ConsoleLog({ stream: out.stream, minLevel: 'info' });
    log.debug('hidden');
    log.info('delivered', { pageId: '1', targetId: 't1', attempt: 2 });
    log.error('failed');
    expect(out.lines()).toEqual([
      { level: 'info', msg: 'delivered', pageId: '1', targetId: 't1', attempt: 2 },
      { level: 'error', msg: 'failed' },
    ]);
  });

  it('redacts secrets, credentials and bodies, by field name and by value shape', () => {
    const out = capture();
    const log = new ConsoleLog({ stream: out.stream, minLevel: 'debug' });
    log.warn('oops', {
      apiToken: 'tok',
      signingSecret: 's',
      password: 'p',
      Authorization: 'Basic abc',
      body: '<p>page</p>',
      header: 'Bearer xyz',
      key: 'whsec_abc',
      pageId: '42',
    });
    const [line] = out.lines();
    expect(line).toEqual({
      level: 'warn',
      msg: 'oops',
      apiToken: '[redacted]',
      signingSecret: '[redacted]',
      password: '[redacted]',
      Authorization: '[redacted]',
      body: '[redacted]',
      header: '[redacted]',
      key: '[redacted]',
      pageId: '42',
    });
  });

  it('keeps level and msg from being overwritten by fields, and stamps clock time when given', () => {
    const out = capture();
    const log = new ConsoleLog({ stream: out.stream, clock: new VirtualClock() });
    log.info('real', { level: 'error', msg: 'fake' });
    expect(out.lines()).toEqual([{ level: 'info', msg: 'real', at: '2026-01-05T09:00:00.000Z' }]);
  });
});

describe('MemoryLog', () => {
  it('records redacted entries by level', () => {
    const log = new MemoryLog();
    log.info('a', { token: 'x', pageId: '1' });
    log.error('b');
    expect(log.entries()).toEqual([
      { level: 'info', msg: 'a', fields: { token: '[redacted]', pageId: '1' } },
      { level: 'error', msg: 'b', fields: {} },
    ]);
    expect(log.entries('error').map((entry) => entry.msg)).toEqual(['b']);
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
