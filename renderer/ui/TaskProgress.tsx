import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Events } from '../../shared/api'
import { call, subscribe } from '../api'
import { useNotifications } from './Notifications'
import './task-progress.css'

export type TaskProgress = Events['task:progress']

/** A new id for a long-running call (hashing, exporting), for its progress events and cancelling. */
export function newTaskId(): string {
  return crypto.randomUUID()
}

/** The latest progress main reported for `taskId`; null before the first report. */
export function useTaskProgress(taskId: string | null): TaskProgress | null {
  const [latest, setLatest] = useState<TaskProgress | null>(null)
  useEffect(() => {
    if (!taskId) return
    return subscribe('task:progress', (p) => {
      if (p.taskId === taskId) setLatest(p)
    })
  }, [taskId])
  return latest && latest.taskId === taskId ? latest : null
}

/** The fraction done as a whole percentage; null when main does not know the total. */
export function percentOf(progress: TaskProgress | null): number | null {
  const total = progress?.total ?? null
  return total ? Math.min(100, Math.floor(((progress?.done ?? 0) / total) * 100)) : null
}

interface TaskProgressBarProps {
  taskId: string
  /** What runs, e.g. "Exporting report.pdf"; shown until main names the current step. */
  title: string
  /** The line under the bar for a progress report (default: the percentage). */
  describe?: (progress: TaskProgress) => ReactNode
  /** Show main's name of the current step instead of `title` (main names steps in English). */
  showSteps?: boolean
}

/**
 * A progress bar for a running task, with main's label for the current step, how far it got,
 * and a Cancel button that asks main to stop (main answers with what it finished).
 */
export function TaskProgressBar(props: TaskProgressBarProps) {
  const { taskId, title, describe, showSteps = true } = props
  const { t } = useTranslation()
  const notify = useNotifications()
  const progress = useTaskProgress(taskId)
  const [cancelling, setCancelling] = useState(false)
  const total = progress?.total ?? null
  const percent = percentOf(progress)

  const cancel = async () => {
    setCancelling(true)
    const asked = await call('tasks:cancel', { taskId })
    if (!asked.ok) {
      setCancelling(false)
      notify.error(asked.error)
    }
  }

  return (
    <div className="task-progress" role="group" aria-label={title}>
      <div className="task-progress-head">
        <span className="spinner" aria-hidden="true" />
        <span className="task-progress-label">{(showSteps && progress?.label) || title}</span>
      </div>
      <progress
        max={total ?? undefined}
        value={total ? (progress?.done ?? 0) : undefined}
        aria-label={title}
        aria-valuetext={
          percent === null
            ? t('common.progress.working')
            : t('common.progress.percent', { percent })
        }
      />
      <div className="task-progress-foot">
        <span className="muted small" aria-live="polite">
          {progress === null
            ? t('common.progress.starting')
            : describe
              ? describe(progress)
              : percent === null
                ? t('common.progress.working')
                : t('common.progress.percent', { percent })}
        </span>
        <button type="button" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? t('common.progress.cancelling') : t('common.cancel')}
        </button>
      </div>
    </div>
  )
}
