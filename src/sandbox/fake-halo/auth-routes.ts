import { randomBytes } from 'node:crypto';
import { oauthError } from './halo-error';
import { QueryParams } from './query-params';
import type { Route, RouteContext } from './route-types';

/**
 * `GET /api/authinfo` (no token) → `{"auth_url": "{url}/auth", "tenant_id": "<tenant>"}`: the two
 * keys HAPI reads (targets.md A.1). UNVERIFIED: whatever else Halo puts in it.
 */
const authInfo: Route = {
  method: 'GET',
  template: '/api/authinfo',
  access: 'public',
  handle: ({ env }) => ({ status: 200, json: { auth_url: `${env.baseUrl}/auth`, tenant_id: env.tenant } }),
};

/**
 * `POST /auth/token?tenant=<tenant>`, form-encoded `grant_type=client_credentials&client_id&
 * client_secret[&scope=space separated]` (targets.md A.1). Checked in this order:
 * 1. tenant (query only) — 400 `invalid_request`. UNVERIFIED: how Halo answers an unknown tenant.
 * 2. Content-Type form-encoded — 400 `invalid_request` (RFC 6749 §4.4.2).
 * 3. client id + secret — 401 `invalid_client` (HAPI#19 shows Halo's 401 with `invalid_client`).
 * 4. grant_type other than client_credentials (refresh_token included) — 400 `unsupported_grant_type`.
 *    UNVERIFIED for refresh_token; clients do not use it (targets.md A.1).
 * 5. scope: each requested scope must be granted to the application (literally; UNVERIFIED whether
 *    `all` also admits `edit:kb`) — 400 `invalid_scope`. Without `scope`, all granted scopes.
 */
function token({ req, env }: RouteContext) {
  const tenant = new QueryParams(req.query).string('tenant');
  if (tenant !== env.tenant) {
    const why = tenant === undefined ? 'The tenant parameter is required' : `Unknown tenant '${tenant}'`;
    throw oauthError(400, 'invalid_request', why);
  }
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(req.header('content-type') ?? ''))
    throw oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');
  const form = new URLSearchParams(req.body.toString('utf8'));
  const client = env.tokens.authenticate(form.get('client_id') ?? '', form.get('client_secret') ?? '');
  if (client.kind === 'invalid') throw oauthError(401, 'invalid_client', 'Invalid client credentials');
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials') {
    throw oauthError(400, 'unsupported_grant_type', `Grant type '${grantType ?? ''}' is not supported`);
  }
  const scope = form.get('scope');
  const requested = scope === null ? client.granted : scope.split(' ').filter((s) => s !== '');
  const refused = requested.filter((s) => !client.granted.includes(s));
  if (requested.length === 0) throw oauthError(400, 'invalid_scope', 'No scope was requested');
  if (refused.length > 0)
    throw oauthError(400, 'invalid_scope', `Scope not allowed for this client: ${refused.join(' ')}`);
  const grant = env.tokens.issue(form.get('client_id') ?? '', requested);
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    // The fields of the targets.md A.1 example; refresh_token and id_token are opaque and unusable.
    json: {
      token_type: 'Bearer',
      access_token: grant.accessToken,
      expires_in: grant.expiresIn,
      scope: grant.scopes.join(' '),
      refresh_token: randomBytes(16).toString('hex'),
      id_token: randomBytes(16).toString('hex'),
    },
  };
}

export const authRoutes: Route[] = [
  authInfo,
  { method: 'POST', template: '/auth/token', access: 'public', handle: token },
];
