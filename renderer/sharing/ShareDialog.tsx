import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo } from '../../shared/model/project'
import { call } from '../api'
import { formatBytes } from '../evidence/evidence-helpers'
import { TaskProgressBar } from '../evidence/TaskProgress'
import { FormActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { useSaveTask } from '../ui/useSaveTask'
import { fileName, shareFileName } from './parts'

/**
 * Shares the open project as one `.claimdesk` file: what is shared, whether media files come
 * along (with both sizes before saving), then the save dialog and packing with progress.
 */
export function ShareDialog({ project, onClose }: { project: ProjectInfo; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const id = useId()
  const [estimate, setEstimate] = useState<{ withoutMedia: number; withMedia: number } | null>(null)
  const [includeMedia, setIncludeMedia] = useState(false)
  const task = useSaveTask<{ file: string; size: number }>()
  const phase = task.state
  const bytes = (n: number) => formatBytes(n, i18n.language)

  useEffect(() => {
    let live = true
    void call('sharing:estimate', {}).then((r) => {
      if (!live) return
      if (r.ok) setEstimate(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [notify])

  const save = async () => {
    const end = await task.start(
      { purpose: 'share-project', defaultName: shareFileName(project.name) },
      (taskId, path) => call('sharing:pack', { taskId, path, includeMedia }),
    )
    if (end.step !== 'done') return
    notify.info(
      t('sharing.share.saved', { file: fileName(end.value.file), size: bytes(end.value.size) }),
    )
    onClose()
  }

  const close = () => {
    // Escape while saving asks main to stop; the dialog returns to its choices when it has.
    if (phase.step === 'running') task.cancel()
    else onClose()
  }

  const hasMedia = estimate !== null && estimate.withMedia > estimate.withoutMedia

  return (
    <Modal title={t('sharing.share.title')} onClose={close}>
      {phase.step === 'running' ? (
        <TaskProgressBar taskId={phase.taskId} title={t('sharing.share.running')} />
      ) : (
        <form
          className="sharing-form"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <p>{t('sharing.share.what')}</p>
          <label className="sharing-check">
            <input
              type="checkbox"
              checked={includeMedia}
              onChange={(e) => setIncludeMedia(e.target.checked)}
              aria-describedby={`${id}-media ${id}-size`}
            />
            <span>
              <strong>{t('sharing.share.includeMedia')}</strong>
              <span className="muted small" id={`${id}-media`}>
                {t('sharing.share.includeMediaHint')}
              </span>
            </span>
          </label>
          <p className="sharing-size" id={`${id}-size`} aria-live="polite">
            {estimate === null
              ? t('sharing.share.estimating')
              : hasMedia
                ? t('sharing.share.size', {
                    without: bytes(estimate.withoutMedia),
                    with: bytes(estimate.withMedia),
                  })
                : t('sharing.share.sizeNoMedia', { size: bytes(estimate.withoutMedia) })}
          </p>
          <p className="muted small">{t('sharing.share.linkedNote')}</p>
          <FormActions
            error={phase.step === 'failed' || phase.step === 'cancelled' ? phase.message : null}
            submitLabel={t('sharing.share.save')}
            onCancel={onClose}
            autoFocusSubmit
          />
        </form>
      )}
    </Modal>
  )
}
