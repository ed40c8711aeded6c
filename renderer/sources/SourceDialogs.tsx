import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Source } from '../../shared/model/source'
import type { AppError } from '../../shared/result'
import { useMutation } from '../app/useMutation'
import { ConfirmDialog, Modal } from '../ui/Modal'
import { citingClaimCount, concerns, FormError, SourceSelect, type SourceUsage } from './parts'

/** Merges a duplicate into another source, explaining what moves where. */
export function MergeSourceDialog({
  source,
  usage,
  targets,
  onClose,
  onMerged,
}: {
  source: Source
  usage: SourceUsage
  /** The sources it can be merged into (every other one), sorted. */
  targets: Source[]
  onClose: () => void
  onMerged: (target: Source) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [targetId, setTargetId] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const target = targets.find((s) => s.id === targetId)
  const claims = citingClaimCount(usage)
  const names = [source.name, ...source.aliases]

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !target) return
    setBusy(true)
    const merged = await mutate('sources:merge', { sourceId: source.id, targetId: target.id })
    setBusy(false)
    if (merged.ok) onMerged(merged.value)
    else if (merged.error.code === 'invalid-input') setError(merged.error)
  }

  const quotedNames = names.map((text) => t('sources.quoted', { text })).join(', ')
  return (
    <Modal title={t('sources.mergeTitle', { name: source.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        {targets.length === 0 ? (
          <p>{t('sources.mergeNoTargets')}</p>
        ) : (
          <>
            <p className="muted">{t('sources.mergeWhen')}</p>
            <SourceSelect
              label={t('sources.mergeInto')}
              value={targetId}
              onChange={(id) => {
                setTargetId(id)
                setError(null)
              }}
              sources={targets}
              placeholder={t('sources.chooseSource')}
              invalid={concerns(error, 'targetId')}
              autoFocus
            />
            <ul className="source-merge-effects">
              <li>
                {target
                  ? t('sources.mergeNames', {
                      count: names.length,
                      names: quotedNames,
                      target: target.name,
                    })
                  : t('sources.mergeNamesPending', { count: names.length, names: quotedNames })}
              </li>
              <li>
                {source.mentions.length === 0
                  ? t('sources.mergeNoMentions')
                  : t('sources.mergeMentions', { count: source.mentions.length })}
              </li>
              <li>
                {claims === 0
                  ? t('sources.mergeNoClaims')
                  : t('sources.mergeClaims', { count: claims })}
              </li>
              <li>{t('sources.mergeFields', { name: source.name })}</li>
            </ul>
          </>
        )}
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !target}>
            {t('sources.mergeConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/**
 * Deletes a source. If claims cite it, the user chooses: unlink it from them, or move them to
 * another source. Otherwise a plain confirmation.
 */
export function DeleteSourceDialog({
  source,
  usage,
  others,
  onClose,
  onDeleted,
}: {
  source: Source
  usage: SourceUsage
  /** The sources the claims can move to, sorted. */
  others: Source[]
  onClose: () => void
  onDeleted: () => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [choice, setChoice] = useState<'unlink' | 'reassign'>('unlink')
  const [reassignTo, setReassignTo] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const group = useId()
  const count = citingClaimCount(usage)
  const needsTarget = choice === 'reassign' && !others.some((s) => s.id === reassignTo)

  const remove = async () => {
    if (busy) return
    setBusy(true)
    const claims = count === 0 || choice === 'unlink' ? ('unlink' as const) : { reassignTo }
    const deleted = await mutate('sources:delete', { id: source.id, claims })
    setBusy(false)
    if (deleted.ok) onDeleted()
    else if (deleted.error.code === 'invalid-input') setError(deleted.error)
  }

  if (count === 0) {
    return (
      <ConfirmDialog
        title={t('sources.deleteTitle', { name: source.name })}
        message={
          source.mentions.length > 0
            ? t('sources.deleteNoClaimsMentions', {
                name: source.name,
                count: source.mentions.length,
              })
            : t('sources.deleteNoClaims', { name: source.name })
        }
        confirmLabel={t('sources.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => void remove()}
        onCancel={onClose}
      />
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!needsTarget) void remove()
  }

  return (
    <Modal title={t('sources.deleteTitle', { name: source.name })} onClose={onClose}>
      <form onSubmit={submit}>
        <fieldset className="source-delete-choices">
          <legend>{t('sources.deleteQuestion', { count, name: source.name })}</legend>
          <label className="source-radio">
            <input
              type="radio"
              name={group}
              checked={choice === 'unlink'}
              onChange={() => setChoice('unlink')}
              autoFocus
            />
            <span>{t('sources.deleteUnlink', { count })}</span>
          </label>
          <label className="source-radio">
            <input
              type="radio"
              name={group}
              checked={choice === 'reassign'}
              disabled={others.length === 0}
              onChange={() => setChoice('reassign')}
            />
            <span>
              {others.length === 0
                ? t('sources.deleteReassignNone')
                : t('sources.deleteReassign', { count })}
            </span>
          </label>
          {others.length > 0 && (
            <div className="source-reassign">
              <SourceSelect
                label={t('sources.deleteReassignTarget')}
                value={reassignTo}
                onChange={(id) => {
                  setReassignTo(id)
                  setChoice('reassign')
                  setError(null)
                }}
                sources={others}
                placeholder={t('sources.chooseSource')}
                invalid={concerns(error, 'claims')}
              />
            </div>
          )}
        </fieldset>
        {source.mentions.length > 0 && (
          <p className="muted">
            {t('sources.deleteMentionsStay', { count: source.mentions.length })}
          </p>
        )}
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy || needsTarget}>
            {t('sources.deleteConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
