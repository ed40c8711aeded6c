import { type ReactNode, useCallback, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceAddReport } from '../../shared/api'
import { STORAGE_MODES, type StorageMode } from '../../shared/model/evidence'
import { call } from '../api'
import { Modal } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { baseName } from './evidence-helpers'
import { newTaskId, TaskProgressBar } from './TaskProgress'

/** Files to add: chosen in the dialog or dropped; dropped files without a path cannot be added. */
export interface FilesToAdd {
  paths: string[]
  /** Names of dropped files the system gave no path for. */
  withoutPath: string[]
}

/**
 * The add-evidence flow for the project screen: `choose()` asks for files (button, menu,
 * Ctrl+Shift+E), `add(files)` takes dropped ones; `dialog` is the dialog to render.
 */
export function useAddEvidence(
  defaultStorage: StorageMode,
  onOpenItem: (itemId: string) => void,
): { choose: () => void; add: (files: FilesToAdd) => void; dialog: ReactNode } {
  const notify = useNotifications()
  const [files, setFiles] = useState<FilesToAdd | null>(null)
  const choose = useCallback(() => {
    void call('dialogs:chooseFiles', { purpose: 'add-evidence' }).then((chosen) => {
      if (!chosen.ok) notify.error(chosen.error)
      else if (chosen.value.length > 0) setFiles({ paths: chosen.value, withoutPath: [] })
    })
  }, [notify])
  const dialog = files && (
    <AddEvidenceDialog
      files={files}
      defaultStorage={defaultStorage}
      onClose={() => setFiles(null)}
      onOpenItem={(itemId) => {
        setFiles(null)
        onOpenItem(itemId)
      }}
    />
  )
  return { choose, add: setFiles, dialog }
}

type Phase =
  | { step: 'choose' }
  | { step: 'running'; taskId: string }
  | { step: 'done'; report: EvidenceAddReport | null; error: string | null }

/**
 * Adds files as evidence: how to store each one (copy into the project or link where it is),
 * then hashing and copying with progress and Cancel, then what was added and what failed.
 */
export function AddEvidenceDialog({
  files,
  defaultStorage,
  onClose,
  onOpenItem,
}: {
  files: FilesToAdd
  defaultStorage: StorageMode
  onClose: () => void
  onOpenItem: (itemId: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const [storage, setStorage] = useState<StorageMode[]>(() => files.paths.map(() => defaultStorage))
  const [phase, setPhase] = useState<Phase>(
    files.paths.length === 0 ? { step: 'done', report: null, error: null } : { step: 'choose' },
  )
  const pathless = files.withoutPath.map((name) => ({
    fileName: name,
    message: t('evidence.add.noPath', { name }),
  }))

  const start = async () => {
    const taskId = newTaskId()
    setPhase({ step: 'running', taskId })
    const added = await call('evidence:add', {
      taskId,
      files: files.paths.map((path, i) => ({ path, storage: storage[i] ?? defaultStorage })),
    })
    setPhase(
      added.ok
        ? { step: 'done', report: added.value, error: null }
        : { step: 'done', report: null, error: added.error.message },
    )
  }

  const close = () => {
    // Escape while files are being added asks main to stop; the report follows.
    if (phase.step === 'running') void call('tasks:cancel', { taskId: phase.taskId })
    else onClose()
  }

  const title = t('evidence.add.title', { count: files.paths.length + files.withoutPath.length })

  return (
    <Modal title={title} onClose={close} wide>
      {phase.step === 'choose' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void start()
          }}
        >
          <p className="muted small" id={`${id}-how`}>
            {t('evidence.add.storageHint')}
          </p>
          <ul className="evidence-add-files" aria-label={t('evidence.add.filesLabel')}>
            {files.paths.map((path, i) => (
              <li key={`${path}-${i}`} className="evidence-add-file">
                <span className="evidence-add-name">
                  <strong>{baseName(path)}</strong>
                  {/* Cut from the left, so the end of a long path stays in view. */}
                  <span className="muted small evidence-add-path" title={path}>
                    <bdi>{path}</bdi>
                  </span>
                </span>
                <select
                  aria-label={t('evidence.add.storageFor', { name: baseName(path) })}
                  aria-describedby={`${id}-how`}
                  value={storage[i] ?? defaultStorage}
                  autoFocus={i === 0}
                  onChange={(e) => {
                    const next = [...storage]
                    next[i] = e.target.value as StorageMode
                    setStorage(next)
                  }}
                >
                  {STORAGE_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`evidence.storage.${mode}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
          {pathless.length > 0 && <FailedFiles failed={pathless} />}
          <div className="modal-actions">
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary">
              {t('evidence.add.start', { count: files.paths.length })}
            </button>
          </div>
        </form>
      )}

      {phase.step === 'running' && (
        <TaskProgressBar taskId={phase.taskId} title={t('evidence.add.running')} />
      )}

      {phase.step === 'done' && (
        <div className="evidence-add-report">
          {phase.error && (
            <p className="form-error" role="alert">
              {phase.error}
            </p>
          )}
          {phase.report && (
            <>
              <p role="status">
                {phase.report.added.length === 0
                  ? t('evidence.add.noneAdded')
                  : t('evidence.add.added', { count: phase.report.added.length })}
                {phase.report.cancelled && ` ${t('evidence.add.cancelled')}`}
              </p>
              {phase.report.added.length > 0 && (
                <ul className="evidence-add-added" aria-label={t('evidence.add.addedLabel')}>
                  {phase.report.added.map((item) => (
                    <li key={item.id}>
                      <span>{item.title}</span>
                      <button
                        type="button"
                        aria-label={t('evidence.add.openLabel', { title: item.title })}
                        onClick={() => onOpenItem(item.id)}
                      >
                        {t('evidence.add.open')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <FailedFiles failed={[...pathless, ...(phase.report?.failed ?? [])]} />
          <div className="modal-actions">
            <button type="button" className="primary" onClick={onClose} autoFocus>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  )
}

/** Files that could not be added, each with its reason: an alert that stays until closed. */
function FailedFiles({ failed }: { failed: Array<{ fileName: string; message: string }> }) {
  const { t } = useTranslation()
  if (failed.length === 0) return null
  return (
    <div className="evidence-add-failed" role="alert">
      <p>
        <strong>{t('evidence.add.failed', { count: failed.length })}</strong>
      </p>
      <ul>
        {failed.map((f, i) => (
          <li key={`${f.fileName}-${i}`}>
            {/* Main's messages usually name the file already; name it where they do not. */}
            {f.message.includes(f.fileName) ? f.message : `${f.fileName}: ${f.message}`}
          </li>
        ))}
      </ul>
    </div>
  )
}
