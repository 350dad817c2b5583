import { ForgeClock } from '../../../src/platform/forge/forge-clock';
import { ForgeConfluenceApi } from '../../../src/platform/forge/forge-confluence-api';
import { ForgeHttp } from '../../../src/platform/forge/forge-http';
import { ForgeJobQueue } from '../../../src/platform/forge/forge-job-queue';
import { ForgeLog } from '../../../src/platform/forge/forge-log';
import { createForgePlatform } from '../../../src/platform/forge/forge-platform';
import { ForgeSecretStore } from '../../../src/platform/forge/forge-secret-store';
import { ForgeStore } from '../../../src/platform/forge/forge-store';

it('wires every port to its Forge adapter without doing I/O', () => {
  const platform = createForgePlatform();
  expect(platform.store).toBeInstanceOf(ForgeStore);
  expect(platform.secrets).toBeInstanceOf(ForgeSecretStore);
  expect(platform.queue).toBeInstanceOf(ForgeJobQueue);
  expect(platform.http).toBeInstanceOf(ForgeHttp);
  expect(platform.confluence).toBeInstanceOf(ForgeConfluenceApi);
  expect(platform.clock).toBeInstanceOf(ForgeClock);
  expect(platform.log).toBeInstanceOf(ForgeLog);
});

it('enables debug logs from options or RELAY_LOG_LEVEL', () => {
  const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  createForgePlatform().log.debug('off');
  createForgePlatform({ logLevel: 'debug' }).log.debug('on');
  process.env.RELAY_LOG_LEVEL = 'debug';
  createForgePlatform().log.debug('env');
  delete process.env.RELAY_LOG_LEVEL;
  expect(spy.mock.calls.map(([line]) => JSON.parse(String(line)).msg)).toEqual(['on', 'env']);
  spy.mockRestore();
});
