import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallInput, CallOutput } from '../../shared/api'
import type { ErrorCode } from '../../shared/result'
import { call } from '../api'
import { TaskProgressBar } from '../evidence/TaskProgress'
import { CloseActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'
import { newTaskId } from '../ui/TaskProgress'

export const SHARE_EXTENSION = '.claimdesk'

/** The last part of a path (either separator: the file may come from another system's dialog). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

export const isSharedFileName = (name: string) => name.toLowerCase().endsWith(SHARE_EXTENSION)

/** A file name for the project's shared file: its name without characters systems refuse. */
export function shareFileName(projectName: string): string {
  const safe = [...projectName]
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '-' : ch))
    .join('')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200)
  return `${safe || 'project'}${SHARE_EXTENSION}`
}

/** A date and time as the user's language writes it; `seconds` tells apart close edits. */
export function formatDateTime(iso: string, language: string, seconds = false): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(date)
}

/** A dialog that only shows a running task; Escape asks main to stop it, like its Cancel button. */
export function TaskDialog({ title, taskId }: { title: string; taskId: string }) {
  return (
    <Modal title={title} onClose={() => void call('tasks:cancel', { taskId })}>
      <TaskProgressBar taskId={taskId} title={title} />
    </Modal>
  )
}

/** A failed call's message, kept for a dialog. */
export interface Refusal {
  code: ErrorCode
  message: string
}

/** A file Claimdesk will not open or merge: main's reason, and that nothing changed. */
export function RefusedDialog({ refusal, onClose }: { refusal: Refusal; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal title={t('sharing.open.refusedTitle')} onClose={onClose}>
      <div className="sharing-refused">
        <p className="form-error" role="alert">
          {refusal.message}
        </p>
        {/* A refused package's message says so already. */}
        {refusal.code !== 'import-rejected' && (
          <p className="muted">{t('sharing.nothingChanged')}</p>
        )}
      </div>
      <CloseActions onClose={onClose} />
    </Modal>
  )
}

type PackageChannel = 'sharing:inspect' | 'sharing:planMerge'

export type PackageRead<T> =
  | { step: 'reading'; taskId: string }
  | { step: 'read'; value: T }
  | { step: 'refused'; refusal: Refusal }

/**
 * Main reads a `.claimdesk` file as soon as a dialog about it opens (check it, or compare it with
 * the open project), with a task id for progress. Cancelling that task closes the dialog.
 */
export function usePackageRead<C extends PackageChannel>(
  channel: C,
  path: string,
  onCancelled: () => void,
): PackageRead<CallOutput<C>> {
  const [taskId] = useState(newTaskId)
  const [read, setRead] = useState<PackageRead<CallOutput<C>>>({ step: 'reading', taskId })
  useEffect(() => {
    let live = true
    // Both channels take the same input: the task and the file.
    const input = { taskId, path } as CallInput<C>
    void call(channel, input).then((r) => {
      if (!live) return
      if (r.ok) setRead({ step: 'read', value: r.value })
      else if (r.error.code === 'cancelled') onCancelled()
      else setRead({ step: 'refused', refusal: r.error })
    })
    return () => {
      live = false
    }
  }, [channel, taskId, path, onCancelled])
  return read
}
