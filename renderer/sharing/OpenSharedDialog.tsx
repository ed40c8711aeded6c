import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo } from '../../shared/model/project'
import { call } from '../api'
import { formatBytes } from '../evidence/evidence-helpers'
import { Modal } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { newTaskId } from '../ui/TaskProgress'
import { fileName, formatDateTime, RefusedDialog, TaskDialog, usePackageRead } from './parts'

/** After main has checked the file. */
type Phase = { step: 'ready'; error: string | null } | { step: 'unpacking'; taskId: string }

interface OpenSharedDialogProps {
  path: string
  /** The open project, the one a merge would change; null on the start screen. */
  project: ProjectInfo | null
  onOpened: (project: ProjectInfo) => void
  onMerge: (path: string) => void
  onClose: () => void
}

/**
 * Opens a `.claimdesk` file: main checks all of it first (with progress); then what it holds,
 * and the choice to open it as a new project or merge it into the open one. A refused file
 * shows main's reason and changes nothing.
 */
export function OpenSharedDialog(props: OpenSharedDialogProps) {
  const { path, project, onOpened, onMerge, onClose } = props
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const id = useId()
  const read = usePackageRead('sharing:inspect', path, onClose)
  const [phase, setPhase] = useState<Phase>({ step: 'ready', error: null })

  if (read.step === 'reading') {
    return (
      <TaskDialog
        title={t('sharing.open.checking', { name: fileName(path) })}
        taskId={read.taskId}
      />
    )
  }
  if (read.step === 'refused') return <RefusedDialog refusal={read.refusal} onClose={onClose} />
  if (phase.step === 'unpacking') {
    return <TaskDialog title={t('sharing.open.unpacking')} taskId={phase.taskId} />
  }

  const info = read.value
  const { error } = phase
  const openAsNew = async () => {
    const folder = await call('dialogs:chooseFolder', { purpose: 'create-project' })
    if (!folder.ok) return setPhase({ step: 'ready', error: folder.error.message })
    if (!folder.value) return
    const taskId = newTaskId()
    setPhase({ step: 'unpacking', taskId })
    const opened = await call('sharing:openAsNew', { taskId, path, folder: folder.value })
    if (!opened.ok) return setPhase({ step: 'ready', error: opened.error.message })
    notify.info(t('sharing.open.opened', { name: opened.value.name, folder: folder.value }))
    onOpened(opened.value)
  }
  const mergeFirst = project !== null && info.sameProjectAsOpen

  return (
    <Modal title={t('sharing.open.title')} onClose={onClose} wide>
      <section className="sharing-info" aria-labelledby={`${id}-details`}>
        <h3 id={`${id}-details`} className="visually-hidden">
          {t('sharing.open.details')}
        </h3>
        <dl className="sharing-facts">
          <dt>{t('sharing.open.project')}</dt>
          <dd>
            <strong>{info.projectName}</strong>
          </dd>
          <dt>{t('sharing.open.sharedBy')}</dt>
          <dd>{info.createdBy || t('common.unknown')}</dd>
          <dt>{t('sharing.open.sharedOn')}</dt>
          <dd>{formatDateTime(info.createdAt, i18n.language)}</dd>
          <dt>{t('sharing.open.appVersion')}</dt>
          <dd>{t('sharing.open.appVersionValue', { version: info.appVersion })}</dd>
          <dt>{t('sharing.open.media')}</dt>
          <dd>
            {info.includesMedia
              ? t('sharing.open.mediaIncluded')
              : t('sharing.open.mediaNotIncluded')}
          </dd>
          <dt>{t('sharing.open.size')}</dt>
          <dd>
            {t('sharing.open.sizeValue', {
              count: info.entryCount,
              size: formatBytes(info.expandedSize, i18n.language),
            })}
          </dd>
          <dt>{t('sharing.open.file')}</dt>
          <dd className="sharing-path" title={info.path}>
            {info.path}
          </dd>
        </dl>
      </section>
      {info.problems.length > 0 && (
        <div className="sharing-problems" role="note">
          <p>{t('sharing.open.problems', { count: info.problems.length })}</p>
          <ul>
            {info.problems.map((p, i) => (
              <li key={`${p.kind}-${i}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {mergeFirst && <p className="sharing-same">{t('sharing.open.sameProject')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="sharing-choices">
        {project && (
          <div className={mergeFirst ? 'sharing-choice recommended' : 'sharing-choice'}>
            <button
              type="button"
              className={mergeFirst ? 'primary' : undefined}
              aria-describedby={`${id}-merge`}
              autoFocus={mergeFirst}
              onClick={() => onMerge(path)}
            >
              {t('sharing.open.merge', { name: project.name })}
            </button>
            <span className="muted small" id={`${id}-merge`}>
              {mergeFirst && <span className="badge">{t('sharing.open.recommended')}</span>}{' '}
              {t('sharing.open.mergeHint')}
            </span>
          </div>
        )}
        <div className="sharing-choice">
          <button
            type="button"
            className={mergeFirst ? undefined : 'primary'}
            aria-describedby={`${id}-new`}
            autoFocus={!mergeFirst}
            onClick={() => void openAsNew()}
          >
            {t('sharing.open.asNew')}
          </button>
          <span className="muted small" id={`${id}-new`}>
            {t('sharing.open.asNewHint')}
          </span>
        </div>
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Modal>
  )
}
