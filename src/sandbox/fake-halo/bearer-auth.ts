import { HaloError } from './halo-error';
import type { Access } from './route-types';
import type { TokenService } from './token-service';

/**
 * Scopes that open each kind of route (HAPI's scope list: `all`, `all:standard`, `read:kb`,
 * `edit:kb`, `edit:tickets`, …). UNVERIFIED: that `edit:kb` implies `read:kb`, that `all:standard`
 * covers the knowledge base, and which scope Halo wants for image uploads.
 */
const SCOPES: Record<Exclude<Access, 'public'>, string[]> = {
  'kb-read': ['all', 'all:standard', 'read:kb', 'edit:kb'],
  'kb-write': ['all', 'all:standard', 'edit:kb'],
  'image-upload': ['all', 'all:standard', 'edit:kb', 'edit:tickets'],
};

const DENIED = 'Authorization has been denied for this request.';

/**
 * Checks the bearer token of a protected route. 401 for a missing, unknown or expired token with
 * ASP.NET's `{"Message":"Authorization has been denied for this request."}` and an RFC 6750
 * WWW-Authenticate header (`error="invalid_token"` when a token was sent); 403 when the token's
 * scopes do not cover the route. UNVERIFIED: Halo's exact 401/403 bodies and headers.
 */
export function authorise(access: Access, header: string | undefined, tokens: TokenService): void {
  if (access === 'public') return;
  const check = tokens.check(header);
  switch (check.kind) {
    case 'missing':
      throw new HaloError(401, { kind: 'message', message: DENIED }, { 'WWW-Authenticate': 'Bearer' });
    case 'unknown':
      throw new HaloError(
        401,
        { kind: 'message', message: DENIED },
        { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The token is not valid"' },
      );
    case 'expired':
      throw new HaloError(
        401,
        { kind: 'message', message: DENIED },
        { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The token expired"' },
      );
    case 'ok': {
      const wanted = SCOPES[access];
      if (check.scopes.some((scope) => wanted.includes(scope))) return;
      throw new HaloError(403, {
        kind: 'message',
        message: `The application's permissions do not allow this request (needs one of: ${wanted.join(', ')}).`,
      });
    }
  }
}
