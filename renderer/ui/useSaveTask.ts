import { useCallback, useState } from 'react'
import type { CallInput } from '../../shared/api'
import type { Result } from '../../shared/result'
import { call } from '../api'
import { newTaskId } from './TaskProgress'

export type SaveTaskState<T> =
  | { step: 'idle' }
  | { step: 'running'; taskId: string; file: string }
  | { step: 'done'; file: string; value: T }
  | { step: 'cancelled'; message: string }
  | { step: 'failed'; message: string }

type SaveDialog = CallInput<'dialogs:chooseSaveFile'>

/**
 * Writing a file with a long task (report, standard export, shared project): the save dialog,
 * then `run` with a fresh task id for its progress and Cancel, then how it ended. `start` also
 * answers the end state, for callers that act on it (close, notify).
 */
export function useSaveTask<T>() {
  const [state, setState] = useState<SaveTaskState<T>>({ step: 'idle' })

  const start = useCallback(
    async (
      dialog: SaveDialog,
      run: (taskId: string, file: string) => Promise<Result<T>>,
    ): Promise<SaveTaskState<T>> => {
      const chosen = await call('dialogs:chooseSaveFile', dialog)
      let end: SaveTaskState<T>
      if (!chosen.ok) end = { step: 'failed', message: chosen.error.message }
      else if (!chosen.value) return { step: 'idle' }
      else {
        const file = chosen.value
        const taskId = newTaskId()
        setState({ step: 'running', taskId, file })
        const result = await run(taskId, file)
        if (result.ok) end = { step: 'done', file, value: result.value }
        else if (result.error.code === 'cancelled')
          end = { step: 'cancelled', message: result.error.message }
        else end = { step: 'failed', message: result.error.message }
      }
      setState(end)
      return end
    },
    [],
  )

  /** Asks main to stop the running task; the state changes when main has. */
  const cancel = useCallback(() => {
    if (state.step === 'running') void call('tasks:cancel', { taskId: state.taskId })
  }, [state])

  const reset = useCallback(() => setState({ step: 'idle' }), [])

  return { state, start, cancel, reset }
}
