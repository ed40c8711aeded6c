/** Typed client over the preload bridge (`window.claimdesk`). */
import type {
  CallInput,
  CallOutput,
  Channel,
  ClaimdeskBridge,
  EventName,
  Events,
} from '../shared/api'
import type { AppError, Result } from '../shared/result'

declare global {
  interface Window {
    claimdesk: ClaimdeskBridge
  }
}

/** Calls main; resolves to a Result (never rejects, also when the bridge itself fails). */
export async function call<C extends Channel>(
  channel: C,
  input: CallInput<C>,
): Promise<Result<CallOutput<C>>> {
  try {
    return await window.claimdesk.invoke(channel, input)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      error: { code: 'internal', message: `The call ${channel} failed: ${message}` },
    }
  }
}

/** Subscribes to a main-process event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
  return window.claimdesk.on(event, listener)
}

export type { AppError }
