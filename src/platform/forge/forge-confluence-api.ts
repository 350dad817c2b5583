import { asApp, asUser, assumeTrustedRoute } from '@forge/api';
import type { RequestInit, RequestProductMethods } from '@forge/api';
import type { ConfluenceApi, ConfluenceRequestInit } from '../../ports/confluence-api';
import type { HttpResponse } from '../../ports/http';

/** Who the requests run as: the app, or a user (the resolver's caller when no accountId is given). */
export type ConfluenceAuthMode = { as: 'app' } | { as: 'user'; accountId?: string };

/**
 * The ConfluenceApi port over `requestConfluence` of @forge/api. `path` is already encoded by the
 * caller, hence assumeTrustedRoute. @forge/api throws ProxyRequestError / NeedsAuthenticationError
 * when the Forge proxy answers instead of Confluence; those are rethrown unchanged.
 */
export class ForgeConfluenceApi implements ConfluenceApi {
  constructor(private readonly mode: ConfluenceAuthMode = { as: 'app' }) {}

  /** As the calling user (resolvers), or as `accountId` (needs allowImpersonation outside resolvers). */
  static forUser(accountId?: string): ForgeConfluenceApi {
    return new ForgeConfluenceApi(accountId === undefined ? { as: 'user' } : { as: 'user', accountId });
  }

  async request(path: string, init?: ConfluenceRequestInit): Promise<HttpResponse> {
    const route = assumeTrustedRoute(path);
    const forgeInit: RequestInit | undefined = init && {
      ...(init.method && { method: init.method }),
      ...(init.headers && { headers: init.headers }),
      ...(init.body !== undefined && { body: init.body }),
    };
    const client = this.client();
    return forgeInit ? client.requestConfluence(route, forgeInit) : client.requestConfluence(route);
  }

  private client(): RequestProductMethods {
    switch (this.mode.as) {
      case 'app':
        return asApp();
      case 'user':
        return this.mode.accountId === undefined ? asUser() : asUser(this.mode.accountId);
    }
  }
}
