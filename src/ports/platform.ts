import type { Clock } from './clock';
import type { ConfluenceApi } from './confluence-api';
import type { Http } from './http';
import type { JobQueue } from './job-queue';
import type { Log } from './log';
import type { SecretStore } from './secret-store';
import type { Store } from './store';

/** Everything the pipeline needs from its platform (Forge in production, Node in the sandbox). */
export interface Platform {
  store: Store;
  secrets: SecretStore;
  queue: JobQueue;
  http: Http;
  confluence: ConfluenceApi;
  clock: Clock;
  log: Log;
}
