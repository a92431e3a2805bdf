import { LensError } from '../../errors/LensError';

/**
 * Awaits a query or request that must fail and returns its `LensError`, so a test can assert on the message, status
 * and kind. The test fails when the call resolves or rejects with anything else.
 */
export async function failure(p: Promise<unknown>): Promise<LensError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LensError);
    return e as LensError;
  }
  throw new Error('expected the call to fail');
}
