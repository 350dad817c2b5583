const mockAppRequest = jest.fn();
const mockUserRequest = jest.fn();

jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asApp: jest.fn(() => ({ requestConfluence: mockAppRequest })),
  asUser: jest.fn(() => ({ requestConfluence: mockUserRequest })),
}));

import { asApp, asUser } from '@forge/api';
import { ForgeConfluenceApi } from '../../../src/platform/forge/forge-confluence-api';

const ok = new Response('{}', { status: 200 });
const path = '/wiki/api/v2/pages/123?body-format=storage';

beforeEach(() => {
  jest.clearAllMocks();
  mockAppRequest.mockResolvedValue(ok);
  mockUserRequest.mockResolvedValue(ok);
});

it('requests as the app with a trusted route and no init', async () => {
  await expect(new ForgeConfluenceApi().request(path)).resolves.toBe(ok);
  expect(asApp).toHaveBeenCalledWith();
  expect(mockAppRequest).toHaveBeenCalledTimes(1);
  const [route, ...rest] = mockAppRequest.mock.calls[0];
  expect(route.value).toBe(path);
  expect(rest).toEqual([]);
});

it('passes method, headers and body through', async () => {
  await new ForgeConfluenceApi().request('/wiki/rest/api/content/1/property', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{"v":1}',
  });
  expect(mockAppRequest.mock.calls[0][1]).toEqual({
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{"v":1}',
  });
});

it('forUser() requests as the calling user, forUser(id) as that account', async () => {
  await ForgeConfluenceApi.forUser().request(path);
  expect(asUser).toHaveBeenLastCalledWith();
  await ForgeConfluenceApi.forUser('acc-1').request(path, { method: 'GET' });
  expect(asUser).toHaveBeenLastCalledWith('acc-1');
  expect(mockUserRequest.mock.calls[1][1]).toEqual({ method: 'GET' });
  expect(mockAppRequest).not.toHaveBeenCalled();
});

it('rethrows proxy errors unchanged', async () => {
  const error = new Error('NEEDS_AUTHENTICATION_ERR');
  mockUserRequest.mockRejectedValue(error);
  await expect(ForgeConfluenceApi.forUser().request(path)).rejects.toBe(error);
});
