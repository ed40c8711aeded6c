import { AppFailure } from '../../shared/result'

/** The AppFailure `promise` rejects with; any other outcome fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected the call to fail')
}
