import type { CallInput, CallOutput, Channel } from '../../../shared/api'
import type { AppHarness } from '../../harness/app-harness'

/**
 * A call through the harness's main API that must succeed. The answer is a copy: main keeps
 * its own objects, which a test must not change.
 */
export async function invoke<C extends Channel>(
  app: AppHarness,
  channel: C,
  input: CallInput<C>,
): Promise<CallOutput<C>> {
  const result = await app.api.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return structuredClone(result.value) as CallOutput<C>
}
