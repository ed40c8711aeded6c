import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegistrySnapshot } from '../../shared/api'
import type { CustomStatus } from '../../shared/model/claim'
import { useMutation } from '../app/useMutation'
import { Modal } from '../ui/Modal'
import { type StatusOption, StatusPill, statusLabel } from './Badges'
import { latestAssessment } from './claim-helpers'

const DEFAULT_COLOR = '#7b3fd1'

/** Adds and removes the project's own verification statuses. */
export function StatusesDialog({
  registry,
  statuses,
  onClose,
}: {
  registry: RegistrySnapshot
  statuses: readonly StatusOption[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const [label, setLabel] = useState('')
  const [color, setColor] = useState(DEFAULT_COLOR)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [removing, setRemoving] = useState<{ status: CustomStatus; replaceWith: string } | null>(
    null,
  )

  const usage = (statusId: string) =>
    registry.claims.filter((c) => latestAssessment(c).status === statusId).length

  const add = async () => {
    const name = label.trim()
    if (!name) {
      setError(t('claims.statusNameRequired'))
      return
    }
    if (
      statuses.some(
        (s) => statusLabel(t, s.id, statuses).toLocaleLowerCase() === name.toLocaleLowerCase(),
      )
    ) {
      setError(t('claims.statusExists', { name }))
      return
    }
    setBusy(true)
    const created = await mutate('statuses:create', { label: name, color })
    setBusy(false)
    if (created.ok) {
      setLabel('')
      setError(null)
    } else if (created.error.code === 'invalid-input') setError(created.error.message)
  }

  const remove = async () => {
    if (!removing) return
    setBusy(true)
    const removed = await mutate('statuses:delete', {
      id: removing.status.id,
      replaceWith: removing.replaceWith,
    })
    setBusy(false)
    if (removed.ok) setRemoving(null)
  }

  return (
    <Modal title={t('claims.manageStatuses')} onClose={onClose}>
      <p className="muted small">{t('claims.statusesIntro')}</p>
      <h3 className="claim-subheading">{t('claims.builtinStatuses')}</h3>
      <p className="status-builtins">
        {statuses
          .filter((s) => s.label === null)
          .map((s) => (
            <StatusPill key={s.id} status={s.id} statuses={statuses} />
          ))}
      </p>
      <h3 className="claim-subheading">{t('claims.customStatuses')}</h3>
      {registry.statuses.length === 0 ? (
        <p className="muted small">{t('claims.noCustomStatuses')}</p>
      ) : (
        <ul className="status-list">
          {registry.statuses.map((s) => (
            <li key={s.id}>
              <StatusPill status={s.id} statuses={statuses} />
              <span className="muted small">{t('claims.statusUsage', { count: usage(s.id) })}</span>
              {removing?.status.id === s.id ? (
                <span className="status-remove">
                  <label htmlFor={`${id}-replace`}>{t('claims.replaceWith')}</label>
                  <select
                    id={`${id}-replace`}
                    value={removing.replaceWith}
                    onChange={(e) => setRemoving({ ...removing, replaceWith: e.target.value })}
                  >
                    {statuses
                      .filter((o) => o.id !== s.id)
                      .map((o) => (
                        <option key={o.id} value={o.id}>
                          {statusLabel(t, o.id, statuses)}
                        </option>
                      ))}
                  </select>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() => void remove()}
                  >
                    {t('claims.removeStatusConfirm')}
                  </button>
                  <button type="button" onClick={() => setRemoving(null)}>
                    {t('common.cancel')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="danger-outline"
                  aria-label={t('claims.removeStatusLabel', { name: s.label })}
                  onClick={() => setRemoving({ status: s, replaceWith: 'unstarted' })}
                >
                  {t('claims.removeStatus')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <p className="small muted" role="status">
          {t('claims.removeStatusExplain', {
            count: usage(removing.status.id),
            name: removing.status.label,
            replacement: statusLabel(t, removing.replaceWith, statuses),
          })}
        </p>
      )}
      <form
        className="status-add"
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <h3 className="claim-subheading">{t('claims.addStatus')}</h3>
        <div className="status-add-fields">
          <div className="field">
            <label htmlFor={`${id}-label`}>{t('claims.statusName')}</label>
            <input
              id={`${id}-label`}
              value={label}
              maxLength={60}
              placeholder={t('claims.statusNamePlaceholder')}
              aria-invalid={error !== null}
              onChange={(e) => {
                setLabel(e.target.value)
                setError(null)
              }}
            />
          </div>
          <div className="field status-color">
            <label htmlFor={`${id}-color`}>{t('claims.statusColor')}</label>
            <input
              id={`${id}-color`}
              type="color"
              value={color}
              onChange={(e) => setColor(e.target.value)}
            />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t('claims.addStatusButton')}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
