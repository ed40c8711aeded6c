import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo, RecentProject } from '../../shared/model/project'
import type { AppError } from '../../shared/result'
import { call } from '../api'
import { requestOpenShared } from '../app/commands'
import { errorConcernsField } from '../ui/errors'
import { useNotifications } from '../ui/Notifications'

interface StartScreenProps {
  onOpened: (project: ProjectInfo) => void
  onOpenFolder: (folder?: string) => void
  newProjectRequest: number
}

/** Recent projects, a form to create one, and a way to open a folder. */
export function StartScreen({ onOpened, onOpenFolder, newProjectRequest }: StartScreenProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const [recent, setRecent] = useState<RecentProject[] | null>(null)
  const [name, setName] = useState('')
  const [folder, setFolder] = useState('')
  const [formError, setFormError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const nameInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    void call('projects:listRecent', {}).then((r) =>
      r.ok ? setRecent(r.value) : notify.error(r.error),
    )
  }, [notify])
  useEffect(() => {
    if (newProjectRequest > 0) nameInput.current?.focus()
  }, [newProjectRequest])

  const chooseFolder = async () => {
    const chosen = await call('dialogs:chooseFolder', { purpose: 'create-project' })
    if (!chosen.ok) return notify.error(chosen.error)
    if (chosen.value) setFolder(chosen.value)
  }

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const created = await call('projects:create', { name, folder })
    setBusy(false)
    if (!created.ok) return setFormError(created.error)
    setFormError(null)
    onOpened(created.value)
  }

  const openRecent = async (entry: RecentProject) => {
    const opened = await call('projects:open', { folder: entry.folder })
    if (opened.ok) return onOpened(opened.value)
    const { error } = opened
    const file = typeof error.details?.file === 'string' ? error.details.file : null
    const hasBackup = typeof error.details?.backups === 'number' && error.details.backups > 0
    if (error.code === 'corrupt-file' && file && hasBackup) {
      notify.error(error, {
        label: t('start.restore'),
        run: () => void restore(entry.folder, file),
      })
    } else {
      notify.error(error)
    }
  }

  const restore = async (projectFolder: string, file: string) => {
    const restored = await call('projects:restoreBackup', { folder: projectFolder, file })
    if (!restored.ok) return notify.error(restored.error)
    notify.info(t('start.restored', { file, aside: restored.value.movedAside }))
    onOpenFolder(projectFolder)
  }

  const forget = async (entry: RecentProject) => {
    const updated = await call('projects:forgetRecent', { folder: entry.folder })
    if (!updated.ok) return notify.error(updated.error)
    setRecent(updated.value)
  }

  const fieldError = (field: string) => errorConcernsField(formError, field)

  return (
    <main className="start">
      <section className="start-intro">
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
      </section>
      <div className="start-columns">
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{t('start.create')}</h2>
          <form onSubmit={(e) => void create(e)} noValidate>
            <label className="field">
              <span>{t('start.name')}</span>
              <input
                ref={nameInput}
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={t('start.namePlaceholder')}
                aria-invalid={fieldError('name') ? true : undefined}
                autoFocus
              />
            </label>
            <div className="field">
              <label htmlFor="project-folder">{t('start.folder')}</label>
              <div className="input-row">
                <input
                  id="project-folder"
                  value={folder}
                  onChange={(e) => setFolder(e.target.value)}
                  placeholder={t('start.folderPlaceholder')}
                  aria-describedby="project-folder-hint"
                  aria-invalid={fieldError('folder') ? true : undefined}
                />
                <button type="button" onClick={() => void chooseFolder()}>
                  {t('common.choose')}
                </button>
              </div>
              <small id="project-folder-hint" className="muted">
                {t('start.folderHint')}
              </small>
            </div>
            {formError && (
              <p className="form-error" role="alert">
                {formError.message}
              </p>
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('common.working') : t('start.createButton')}
            </button>
          </form>
        </section>
        <section className="card" aria-labelledby="recent-heading">
          <div className="card-header">
            <h2 id="recent-heading">{t('start.recent')}</h2>
            <div className="card-actions">
              <button type="button" onClick={() => onOpenFolder()}>
                {t('start.open')}
              </button>
              <button type="button" onClick={() => requestOpenShared()}>
                {t('sharing.openButton')}
              </button>
            </div>
          </div>
          {recent && recent.length === 0 && <p className="empty">{t('start.noRecent')}</p>}
          <ul className="recent-list">
            {recent?.map((entry) => (
              <li key={entry.folder}>
                <button
                  type="button"
                  className="recent-open"
                  disabled={!entry.available}
                  onClick={() => void openRecent(entry)}
                >
                  <strong>{entry.name}</strong>
                  <span className="muted">{entry.folder}</span>
                  {!entry.available && <span className="badge">{t('start.missing')}</span>}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`${t('start.forget')}: ${entry.name}`}
                  title={t('start.forget')}
                  onClick={() => void forget(entry)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  )
}
