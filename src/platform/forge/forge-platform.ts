import type { Platform } from '../../ports/platform';
import { ForgeClock } from './forge-clock';
import { ForgeConfluenceApi } from './forge-confluence-api';
import { ForgeHttp } from './forge-http';
import { ForgeJobQueue } from './forge-job-queue';
import { ForgeLog } from './forge-log';
import type { LogLevel } from './forge-log';
import { ForgeSecretStore } from './forge-secret-store';
import { ForgeStore } from './forge-store';

export interface ForgePlatformOptions {
  /** Defaults to `debug` when the Forge variable RELAY_LOG_LEVEL is `debug`, else `info`. */
  logLevel?: LogLevel;
}

function logLevelFromEnv(): LogLevel {
  return process.env.RELAY_LOG_LEVEL === 'debug' ? 'debug' : 'info';
}

/**
 * The ports on Forge: kvs storage and secrets, the `relay-jobs` queue, egress fetch, Confluence as
 * the app, real time and console logs. Cheap to call (no I/O); call once per invocation.
 */
export function createForgePlatform(options: ForgePlatformOptions = {}): Platform {
  return {
    store: new ForgeStore(),
    secrets: new ForgeSecretStore(),
    queue: new ForgeJobQueue(),
    http: new ForgeHttp(),
    confluence: new ForgeConfluenceApi(),
    clock: new ForgeClock(),
    log: new ForgeLog(options.logLevel ?? logLevelFromEnv()),
  };
}
