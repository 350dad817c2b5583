import { createServer } from 'node:http';
import { FaultRules } from './fault-rules';
import { HaloAdmin } from './halo-admin';
import { HaloStore } from './halo-store';
import type { FakeHalo, FakeHaloOptions } from './halo-types';
import { readRequest, writeReply } from './http-io';
import { RequestPipeline } from './request-pipeline';
import { RollingWindow } from './rolling-window';
import type { HaloEnv } from './route-types';
import { TokenService } from './token-service';

export type {
  ArticleSnapshot,
  FakeHalo,
  FakeHaloOptions,
  FaqListSnapshot,
  FaultRule,
  HaloClientApp,
  HaloSnapshot,
  HaloStats,
  HandEdit,
  ImageSnapshot,
} from './halo-types';

const DEFAULT_TEAMS = [
  { id: 1, name: '1st Line Support' },
  { id: 2, name: '2nd Line Support' },
];

function environment(opts: FakeHaloOptions): HaloEnv {
  if (opts.tenant.trim() === '') throw new Error('fake Halo needs a tenant name');
  const maxArticleBodyChars = opts.maxArticleBodyChars ?? 1_000_000;
  if (!Number.isInteger(maxArticleBodyChars) || maxArticleBodyChars < 1)
    throw new Error(`maxArticleBodyChars must be an integer ≥ 1: ${maxArticleBodyChars}`);
  return {
    clock: opts.clock,
    store: new HaloStore(opts.clock),
    tokens: new TokenService(opts.clock, opts.clients, opts.tokenLifetimeSeconds ?? 3600),
    tenant: opts.tenant,
    baseUrl: '',
    maxArticleBodyChars,
    teams: new Map((opts.teams ?? DEFAULT_TEAMS).map((t) => [t.id, t.name])),
  };
}

/**
 * Starts a loopback (127.0.0.1) Halo tenant — auth server and resource server on one port, as on
 * hosted Halo (`{base}/auth`, `{base}/api`) — that follows reference/targets.md Part A. Time comes
 * only from `opts.clock`. See request-pipeline.ts for the order of checks.
 */
export async function startFakeHalo(opts: FakeHaloOptions): Promise<FakeHalo> {
  const env = environment(opts);
  const limit = opts.rateLimit ?? { requests: 300, windowSeconds: 300 };
  const window = new RollingWindow(opts.clock, limit.requests, limit.windowSeconds);
  const faults = new FaultRules();
  const pipeline = new RequestPipeline(env, faults, window, limit.sendRetryAfter ?? false);
  const admin = new HaloAdmin(env.store, () => env.baseUrl);

  const server = createServer((req, res) => {
    readRequest(req)
      .then((input) => writeReply(res, pipeline.answer(input), input.kind === 'too-large'))
      .catch((error: unknown) => {
        if (!res.headersSent) writeReply(res, pipeline.crash(error));
        else res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake Halo did not bind a TCP port');
  env.baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: env.baseUrl,
    authUrl: `${env.baseUrl}/auth`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
    stats: () => ({
      requests: Object.values(pipeline.byRoute).reduce((a, b) => a + b, 0),
      byRoute: { ...pipeline.byRoute },
      tokensIssued: env.tokens.issued,
    }),
    resetStats: () => {
      pipeline.byRoute = {};
      env.tokens.issued = 0;
    },
    state: () => admin.snapshot(),
    injectFaults: (rules) => faults.add(rules),
    expireTokens: () => env.tokens.expireAll(),
    deleteArticle: (id) => admin.deleteArticle(id),
    deleteFaqList: (id) => admin.deleteFaqList(id),
    editArticleByHand: (id, patch) => admin.editArticleByHand(id, patch),
  };
}
