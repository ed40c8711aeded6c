import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Events } from '../../shared/api'
import { call, subscribe } from '../api'
import { useNotifications } from '../ui/Notifications'
import { formatBytes } from './evidence-helpers'

type Progress = Events['task:progress']

/** A new id for a long-running call (hashing, copying), for its progress events and cancelling. */
export function newTaskId(): string {
  return crypto.randomUUID()
}

/** The latest progress main reported for `taskId`; null before the first report. */
export function useTaskProgress(taskId: string | null): Progress | null {
  const [latest, setLatest] = useState<Progress | null>(null)
  useEffect(() => {
    if (!taskId) return
    return subscribe('task:progress', (p) => {
      if (p.taskId === taskId) setLatest(p)
    })
  }, [taskId])
  return latest && latest.taskId === taskId ? latest : null
}

/**
 * A progress bar for a running task, with the file being worked on, bytes and percentage, and a
 * Cancel button that asks main to stop (main answers with what it finished).
 */
export function TaskProgressBar({ taskId, title }: { taskId: string; title: string }) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const progress = useTaskProgress(taskId)
  const [cancelling, setCancelling] = useState(false)
  const total = progress?.total ?? null
  const done = progress?.done ?? 0
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : null

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
        <span className="task-progress-label">{progress?.label || title}</span>
      </div>
      <progress
        max={total ?? undefined}
        value={total ? done : undefined}
        aria-label={title}
        aria-valuetext={
          percent === null
            ? t('evidence.progress.unknown')
            : t('evidence.progress.percent', { percent })
        }
      />
      <div className="task-progress-foot">
        <span className="muted small" aria-live="polite">
          {total
            ? t('evidence.progress.bytes', {
                done: formatBytes(done, i18n.language),
                total: formatBytes(total, i18n.language),
                percent,
              })
            : progress
              ? t('evidence.progress.bytesUnknown', { done: formatBytes(done, i18n.language) })
              : t('evidence.progress.starting')}
        </span>
        <button type="button" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? t('evidence.progress.cancelling') : t('common.cancel')}
        </button>
      </div>
    </div>
  )
}
