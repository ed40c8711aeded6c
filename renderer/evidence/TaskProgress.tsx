import { useTranslation } from 'react-i18next'
import { percentOf, TaskProgressBar as SharedTaskProgressBar } from '../ui/TaskProgress'
import { formatBytes } from './evidence-helpers'

export { newTaskId, useTaskProgress } from '../ui/TaskProgress'

/** The shared progress bar, counting bytes (hashing and copying files). */
export function TaskProgressBar({ taskId, title }: { taskId: string; title: string }) {
  const { t, i18n } = useTranslation()
  return (
    <SharedTaskProgressBar
      taskId={taskId}
      title={title}
      describe={(progress) =>
        progress.total
          ? t('evidence.progress.bytes', {
              done: formatBytes(progress.done, i18n.language),
              total: formatBytes(progress.total, i18n.language),
              percent: percentOf(progress),
            })
          : t('evidence.progress.bytesUnknown', {
              done: formatBytes(progress.done, i18n.language),
            })
      }
    />
  )
}
