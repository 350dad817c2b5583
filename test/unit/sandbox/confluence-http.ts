import type { FakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import { startFakeConfluence } from '../../../src/sandbox/fake-confluence/fake-confluence-server';
import type { Site } from './confluence-fixture';

export const EMAIL = 'relay@example.com';
export const TOKEN = 'ATATT3xFfGF0-test-token';

export interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export type Get = (path: string, auth?: string | null, method?: string) => Promise<Reply>;

export function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

/** Starts the fake over `site` and returns it with a GET helper (default: valid credentials). */
export async function serve(
  site: Site,
  rateLimit?: { requestsPerMinute: number },
): Promise<{ fake: FakeConfluence; get: Get }> {
  const fake = await startFakeConfluence({
    state: site.state,
    credentials: { email: EMAIL, apiToken: TOKEN },
    clock: site.clock,
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
  const get: Get = async (path, auth = basic(EMAIL, TOKEN), method = 'GET') => {
    const headers: Record<string, string> = auth === null ? {} : { Authorization: auth };
    const response = await fetch(`${fake.url}${path}`, { method, headers });
    return {
      status: response.status,
      headers: response.headers,
      json: (await response.json()) as Record<string, unknown>,
    };
  };
  return { fake, get };
}
