import type { Events } from '../../shared/api'
import { AppFailure } from '../../shared/result'
import type { Emit } from '../projects/workspace'

/** Progress events are throttled to about this many per second (plus the last one). */
const MIN_INTERVAL_MS = 100

/** What a long-running call holds while it runs. */
export interface RunningTask {
  readonly signal: AbortSignal
  /** Reports progress; throttled, except for the first report and the one where done = total. */
  progress(done: number, total: number | null, label?: string): void
}

/**
 * The long-running calls in flight, by the task id the renderer chose: each gets a signal that
 * `cancel` aborts and a throttled `task:progress` reporter. Finished tasks are forgotten.
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly emit: Emit,
    private readonly minIntervalMs = MIN_INTERVAL_MS,
  ) {}

  /** Runs `work` as task `taskId`; the task is forgotten when it settles. */
  async run<T>(taskId: string, label: string, work: (task: RunningTask) => Promise<T>): Promise<T> {
    if (this.running.has(taskId)) {
      throw new AppFailure('invalid-input', `A task with id ${taskId} is already running.`, {
        field: 'taskId',
      })
    }
    const controller = new AbortController()
    this.running.set(taskId, controller)
    try {
      return await work(this.reporter(taskId, label, controller.signal))
    } finally {
      this.running.delete(taskId)
    }
  }

  /** Asks a running task to stop; unknown (or already finished) tasks are ignored. */
  cancel(taskId: string): void {
    this.running.get(taskId)?.abort()
  }

  /** The ids of the tasks running now. */
  ids(): string[] {
    return [...this.running.keys()]
  }

  /** Asks every task in `taskIds` (default: all running) to stop. */
  cancelAll(taskIds: Iterable<string> = this.ids()): void {
    for (const taskId of taskIds) this.cancel(taskId)
  }

  private reporter(taskId: string, label: string, signal: AbortSignal): RunningTask {
    let lastAt = Number.NEGATIVE_INFINITY
    let currentLabel = label
    return {
      signal,
      progress: (done, total, nextLabel) => {
        const labelChanged = nextLabel !== undefined && nextLabel !== currentLabel
        if (nextLabel !== undefined) currentLabel = nextLabel
        const now = performance.now()
        const final = total !== null && done >= total
        if (!final && !labelChanged && now - lastAt < this.minIntervalMs) return
        lastAt = now
        const payload: Events['task:progress'] = { taskId, label: currentLabel, done, total }
        this.emit('task:progress', payload)
      },
    }
  }
}
