/**
 * @forge/api for the settings resolver tests: the real package, except that Confluence answers as
 * the calling user come from `mockUserRequest` (rights checks), acting as the app is an error (the
 * resolver reads rights as the user), and `fetch` (target calls) goes to `mockFetch`. Used as
 * `jest.mock('@forge/api', () => jest.requireActual('./forge-api-stub').forgeApiStub())`
 * (built when the mock is first asked for, as an inline factory would be).
 */
export const mockUserRequest = jest.fn();
export const mockFetch = jest.fn();

export const forgeApiStub = () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asUser: (...args: unknown[]) => {
    if (args.length > 0) throw new Error('rights must be read as the calling user, not as an account id');
    return { requestConfluence: (...a: unknown[]) => mockUserRequest(...a) };
  },
  asApp: () => {
    throw new Error('rights must never be read as the app');
  },
  fetch: (...args: unknown[]) => mockFetch(...args),
});
