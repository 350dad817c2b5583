import { ForgeLog, formatLogLine, REDACTED } from '../../../src/platform/forge/forge-log';

let log: jest.SpyInstance;
let warn: jest.SpyInstance;
let error: jest.SpyInstance;

beforeEach(() => {
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const lineOf = (spy: jest.SpyInstance): unknown => JSON.parse(String(spy.mock.calls[0]?.[0]));

it('writes one JSON object per line to the console method of the level', () => {
  const logger = new ForgeLog();
  logger.info('delivered', { pageId: 'p1', targetId: 't1', deliveryId: 'd1', attempt: 2 });
  logger.warn('throttled', { targetId: 't1' });
  logger.error('failed', { targetId: 't1', retryable: false });
  expect(lineOf(log)).toEqual({
    level: 'info',
    msg: 'delivered',
    pageId: 'p1',
    targetId: 't1',
    deliveryId: 'd1',
    attempt: 2,
  });
  expect(lineOf(warn)).toEqual({ level: 'warn', msg: 'throttled', targetId: 't1' });
  expect(lineOf(error)).toEqual({ level: 'error', msg: 'failed', targetId: 't1', retryable: false });
  expect(String(log.mock.calls[0]?.[0])).not.toContain('\n');
});

it('redacts secret-like fields and page bodies', () => {
  const line = JSON.parse(
    formatLogLine('info', 'm', {
      signingSecret: 'whsec_x',
      apiToken: 't',
      password: 'p',
      Authorization: 'Bearer x',
      body: '<p>page</p>',
      responseBody: 'x',
      pageId: 'p1',
    }),
  );
  expect(line).toEqual({
    level: 'info',
    msg: 'm',
    signingSecret: REDACTED,
    apiToken: REDACTED,
    password: REDACTED,
    Authorization: REDACTED,
    body: REDACTED,
    responseBody: REDACTED,
    pageId: 'p1',
  });
});

it('keeps level and msg from being overwritten, drops undefined fields and caps long strings', () => {
  const line = JSON.parse(
    formatLogLine('warn', 'm', { level: 'x', msg: 'y', gone: undefined, note: 'n'.repeat(5000) }),
  );
  expect(line.level).toBe('warn');
  expect(line.msg).toBe('m');
  expect('gone' in line).toBe(false);
  expect(line.note.length).toBeLessThan(2100);
});

it('drops debug unless enabled', () => {
  new ForgeLog().debug('quiet');
  expect(log).not.toHaveBeenCalled();
  new ForgeLog('debug').debug('loud', { pageId: 'p1' });
  expect(lineOf(log)).toEqual({ level: 'debug', msg: 'loud', pageId: 'p1' });
});
