import { ForgeKvsAPIError, ForgeKvsError } from '@forge/kvs';
import { isKvsConflict } from '../../../src/platform/forge/kvs-conflict';

const apiError = (status: number, code: string): ForgeKvsAPIError =>
  new ForgeKvsAPIError({ status, statusText: String(status) }, { code, message: `${code} happened` });

describe('isKvsConflict (UNVERIFIED rule: 409/412 or a conflict-like code)', () => {
  it.each([
    [409, 'ANYTHING'],
    [412, 'PRECONDITION_FAILED'],
    [400, 'CONDITIONAL_CHECK_FAILED'],
    [400, 'KEY_ALREADY_EXISTS'],
    [400, 'KEY_CONFLICT'],
    [400, 'TRANSACTION_CANCELLED'],
  ])('treats %i %s as a conflict', (status, code) => {
    expect(isKvsConflict(apiError(status, code))).toBe(true);
  });

  it.each([
    [429, 'TOO_MANY_REQUESTS'],
    [429, 'CONFLICT'],
    [400, 'BAD_REQUEST'],
    [400, 'INVALID_CONDITION'],
    [400, 'TRANSACTION_LIMIT_EXCEEDED'],
    [404, 'KEY_NOT_FOUND'],
    [500, 'INTERNAL_SERVER_ERROR'],
  ])('does not treat %i %s as a conflict', (status, code) => {
    expect(isKvsConflict(apiError(status, code))).toBe(false);
  });

  it('ignores errors that are not kvs API errors', () => {
    expect(isKvsConflict(new ForgeKvsError('Builder must have at least one condition set'))).toBe(false);
    expect(isKvsConflict(new Error('CONFLICT'))).toBe(false);
    expect(isKvsConflict({ code: 'KEY_CONFLICT', responseDetails: { status: 409 } })).toBe(false);
  });
});
