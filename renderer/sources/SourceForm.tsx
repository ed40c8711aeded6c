import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallInput } from '../../shared/api'
import { RELIABILITY_GRADES, type Reliability } from '../../shared/model/grading'
import { SOURCE_KINDS, type Source, type SourceKind } from '../../shared/model/source'
import type { AppError } from '../../shared/result'
import { useMutation } from '../app/useMutation'
import { Modal } from '../ui/Modal'
import { GradeBadge } from './GradeBadge'
import { concerns, FormError } from './parts'

interface Draft {
  name: string
  aliases: string
  kind: SourceKind
  role: string
  organisation: string
  description: string
  reliability: Reliability | null
  reliabilityReason: string
}

const FIELDS = [
  'name',
  'aliases',
  'kind',
  'role',
  'organisation',
  'description',
  'reliability',
  'reliabilityReason',
] as const
type Field = (typeof FIELDS)[number]

const draftOf = (source: Source | null): Draft => ({
  name: source?.name ?? '',
  aliases: source?.aliases.join(', ') ?? '',
  kind: source?.kind ?? 'person',
  role: source?.role ?? '',
  organisation: source?.organisation ?? '',
  description: source?.description ?? '',
  reliability: source?.reliability ?? null,
  reliabilityReason: source?.reliabilityReason ?? '',
})

/** "Kirby, NSC spokesperson ,, Kirby" → ["Kirby", "NSC spokesperson"] */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>()
  const aliases: string[] = []
  for (const part of text.split(/[,;\n]/)) {
    const alias = part.trim().replace(/\s+/g, ' ')
    const key = alias.toLocaleLowerCase()
    if (alias && !seen.has(key)) {
      seen.add(key)
      aliases.push(alias)
    }
  }
  return aliases
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i])

/**
 * The dialog to add a source or edit one: names, kind, role, organisation, description and the
 * Admiralty reliability grade with its reason. Rejected input is shown inline.
 */
export function SourceForm({
  source,
  others,
  onClose,
  onSaved,
}: {
  /** The source to edit; null to add a new one. */
  source: Source | null
  /** The other sources, to catch a name that is already taken. */
  others: Source[]
  onClose: () => void
  onSaved: (source: Source) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [draft, setDraft] = useState<Draft>(() => draftOf(source))
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = useId()
  const errorId = `${ids}-error`

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setError(null)
  }
  const name = draft.name.trim().replace(/\s+/g, ' ')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !name) return
    const clash = others.find((o) => o.name.toLocaleLowerCase() === name.toLocaleLowerCase())
    if (source && clash) {
      // Main refuses a taken name when adding; when renaming, the form catches it.
      setError({
        code: 'invalid-input',
        message: t('sources.duplicateName', { name: clash.name }),
        details: { field: 'name' },
      })
      return
    }
    const fields = {
      aliases: parseAliases(draft.aliases),
      kind: draft.kind,
      role: draft.role.trim(),
      organisation: draft.organisation.trim(),
      description: draft.description,
      reliability: draft.reliability,
      reliabilityReason: draft.reliabilityReason,
    }
    setBusy(true)
    let saved
    if (source) {
      const changes: CallInput<'sources:update'> = { id: source.id }
      if (name !== source.name) changes.name = name
      if (!sameList(fields.aliases, source.aliases)) changes.aliases = fields.aliases
      if (fields.kind !== source.kind) changes.kind = fields.kind
      if (fields.role !== source.role) changes.role = fields.role
      if (fields.organisation !== source.organisation) changes.organisation = fields.organisation
      if (fields.description !== source.description) changes.description = fields.description
      if (fields.reliability !== source.reliability) changes.reliability = fields.reliability
      if (fields.reliabilityReason !== source.reliabilityReason)
        changes.reliabilityReason = fields.reliabilityReason
      if (Object.keys(changes).length === 1) {
        setBusy(false)
        onSaved(source)
        return
      }
      saved = await mutate('sources:update', changes)
    } else {
      saved = await mutate('sources:create', { name, ...fields })
    }
    setBusy(false)
    if (saved.ok) onSaved(saved.value)
    else if (saved.error.code === 'invalid-input') setError(saved.error)
  }

  // A rejected input is shown under the field it concerns, or above the buttons.
  const errorField = error ? FIELDS.find((field) => concerns(error, field)) : undefined
  const invalid = (field: Field) => (errorField === field ? true : undefined)
  const describedBy = (field: Field, hint?: string) =>
    [hint, errorField === field ? errorId : undefined].filter(Boolean).join(' ') || undefined
  const errorAt = (field: Field | undefined) =>
    errorField === field ? <FormError error={error} id={errorId} /> : null

  return (
    <Modal
      title={source ? t('sources.formEdit', { name: source.name }) : t('sources.formNew')}
      onClose={onClose}
      wide
    >
      <form className="source-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="source-form-names">
          <div className="field">
            <label htmlFor={`${ids}-name`}>{t('sources.name')}</label>
            <input
              id={`${ids}-name`}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              placeholder={t('sources.namePlaceholder')}
              aria-invalid={invalid('name')}
              aria-describedby={describedBy('name')}
              aria-required="true"
              maxLength={300}
              autoFocus
            />
            {errorAt('name')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-aliases`}>{t('sources.aliases')}</label>
            <input
              id={`${ids}-aliases`}
              value={draft.aliases}
              onChange={(e) => set('aliases', e.target.value)}
              placeholder={t('sources.aliasesPlaceholder')}
              aria-invalid={invalid('aliases')}
              aria-describedby={describedBy('aliases', `${ids}-aliases-hint`)}
            />
            <span id={`${ids}-aliases-hint`} className="muted source-form-hint">
              {t('sources.aliasesHint')}
            </span>
            {errorAt('aliases')}
          </div>
        </div>
        <div className="source-form-row">
          <div className="field">
            <label htmlFor={`${ids}-kind`}>{t('sources.kind')}</label>
            <select
              id={`${ids}-kind`}
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value as SourceKind)}
              aria-invalid={invalid('kind')}
              aria-describedby={describedBy('kind')}
            >
              {SOURCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`sources.kinds.${kind}`)}
                </option>
              ))}
            </select>
            {errorAt('kind')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-role`}>{t('sources.role')}</label>
            <input
              id={`${ids}-role`}
              value={draft.role}
              onChange={(e) => set('role', e.target.value)}
              placeholder={t('sources.rolePlaceholder')}
              aria-invalid={invalid('role')}
              aria-describedby={describedBy('role')}
              maxLength={300}
            />
            {errorAt('role')}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-organisation`}>{t('sources.organisation')}</label>
            <input
              id={`${ids}-organisation`}
              value={draft.organisation}
              onChange={(e) => set('organisation', e.target.value)}
              placeholder={t('sources.organisationPlaceholder')}
              aria-invalid={invalid('organisation')}
              aria-describedby={describedBy('organisation')}
              maxLength={300}
            />
            {errorAt('organisation')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-description`}>{t('sources.description')}</label>
          <textarea
            id={`${ids}-description`}
            value={draft.description}
            rows={2}
            maxLength={5000}
            placeholder={t('sources.descriptionPlaceholder')}
            onChange={(e) => set('description', e.target.value)}
            aria-invalid={invalid('description')}
            aria-describedby={describedBy('description')}
          />
          {errorAt('description')}
        </div>
        <fieldset
          className="source-grades"
          aria-describedby={describedBy('reliability', `${ids}-grade-hint`)}
        >
          <legend>{t('sources.reliability')}</legend>
          <p id={`${ids}-grade-hint`} className="muted source-form-hint">
            {t('sources.reliabilityHint')}
          </p>
          <div className="source-grade-options">
            {RELIABILITY_GRADES.map((grade) => (
              <label key={grade} className="source-grade-option">
                <input
                  type="radio"
                  name={`${ids}-grade`}
                  checked={draft.reliability === grade}
                  onChange={() => set('reliability', grade)}
                />
                <GradeBadge reliability={grade} />
                <span className="source-grade-text">
                  <span className="source-grade-label">
                    {t(`grading.reliability.${grade}.label`)}
                  </span>
                  <span className="source-grade-meaning">
                    {t(`grading.reliability.${grade}.meaning`)}
                  </span>
                </span>
              </label>
            ))}
            <label className="source-grade-option none">
              <input
                type="radio"
                name={`${ids}-grade`}
                checked={draft.reliability === null}
                onChange={() => set('reliability', null)}
              />
              <GradeBadge reliability={null} />
              <span className="source-grade-text">
                <span className="source-grade-label">{t('sources.notGraded')}</span>
                <span className="source-grade-meaning">{t('sources.notGradedMeaning')}</span>
              </span>
            </label>
          </div>
          {errorAt('reliability')}
        </fieldset>
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('sources.reliabilityReason')}</label>
          <textarea
            id={`${ids}-reason`}
            value={draft.reliabilityReason}
            rows={2}
            maxLength={5000}
            placeholder={t('sources.reliabilityReasonPlaceholder')}
            onChange={(e) => set('reliabilityReason', e.target.value)}
            aria-invalid={invalid('reliabilityReason')}
            aria-describedby={describedBy('reliabilityReason')}
          />
          {errorAt('reliabilityReason')}
        </div>
        {errorAt(undefined)}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !name}>
            {source ? t('common.save') : t('sources.create')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
