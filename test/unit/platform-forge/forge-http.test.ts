jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  fetch: jest.fn(),
}));

import { fetch } from '@forge/api';
import { ForgeHttp } from '../../../src/platform/forge/forge-http';

const mockFetch = jest.mocked(fetch);

beforeEach(() => mockFetch.mockReset());

it("calls Forge fetch with redirect 'manual', the body and the signal", async () => {
  const response = new Response('ok', { status: 202, headers: { 'x-id': '9' } });
  mockFetch.mockResolvedValue(response);
  const signal = new AbortController().signal;
  const result = await new ForgeHttp().fetch({
    method: 'POST',
    url: 'https://hooks.example.com/relay',
    headers: { 'content-type': 'application/json' },
    body: '{"a":1}',
    signal,
  });
  expect(mockFetch).toHaveBeenCalledWith('https://hooks.example.com/relay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    redirect: 'manual',
    body: '{"a":1}',
    signal,
  });
  expect(result.status).toBe(202);
  expect(result.headers.get('x-id')).toBe('9');
  await expect(result.text()).resolves.toBe('ok');
});

it('omits an absent body and signal, and returns a 403 egress denial as a response', async () => {
  mockFetch.mockResolvedValue(
    new Response(null, { status: 403, headers: { 'forge-proxy-error': 'BLOCKED_EGRESS' } }),
  );
  const result = await new ForgeHttp().fetch({ method: 'GET', url: 'https://x.example.com/', headers: {} });
  expect(mockFetch).toHaveBeenCalledWith('https://x.example.com/', {
    method: 'GET',
    headers: {},
    redirect: 'manual',
  });
  expect(result.status).toBe(403);
});

it('lets network errors reject unchanged', async () => {
  const error = new Error('ECONNRESET');
  mockFetch.mockRejectedValue(error);
  await expect(
    new ForgeHttp().fetch({ method: 'GET', url: 'https://x.example.com/', headers: {} }),
  ).rejects.toBe(error);
});
