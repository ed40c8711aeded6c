import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import type { ClaimLink } from '../../../shared/model/evidence'
import type { Result } from '../../../shared/result'
import { saveOnCtrlEnter } from '../../ui/keyboard'
import { ClaimLinksEditor } from './ClaimLinksEditor'

/** A marked part of an evidence file: a video segment or an image region. */
type PartKind = 'segment' | 'region'
interface Part {
  label: string
  note: string
  claimLinks: ClaimLink[]
}
type PartChanges = { label?: string; note?: string; claimLinks?: ClaimLink[] }

interface LabelNoteFieldsProps {
  kind: PartKind
  /** The form's `useId()`, so the labels point at their fields. */
  id: string
  label: string
  note: string
  labelPlaceholder?: string
  autoFocus?: boolean
  onChange(draft: { label?: string; note?: string }): void
}

/** The label and note fields of a segment or region, new or saved. */
export function LabelNoteFields({ kind, id, label, note, ...props }: LabelNoteFieldsProps) {
  const { t } = useTranslation()
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t(`player.${kind}.label`)}</label>
        <input
          id={`${id}-label`}
          value={label}
          maxLength={300}
          placeholder={props.labelPlaceholder}
          autoFocus={props.autoFocus}
          onChange={(e) => props.onChange({ label: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t(`player.${kind}.note`)}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => props.onChange({ note: e.target.value })}
        />
      </div>
    </>
  )
}

interface PartEditorProps {
  kind: PartKind
  part: Part
  /** The part's label, or its "untitled" name. */
  name: string
  claims: Claim[]
  /** Saves the changed fields of the part. */
  update(changes: PartChanges): Promise<Result<unknown>>
  onOpenClaim(id: string): void
  onDeleteRequest(): void
}

/** A saved segment's or region's label, note and claim links, edited in place. */
export function PartEditor({ kind, part, name, claims, update, ...props }: PartEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<{ label?: string; note?: string }>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const label = draft.label ?? part.label
  const note = draft.note ?? part.note
  const dirty = label !== part.label || note !== part.note

  const save = async () => {
    if (!dirty) return
    setBusy(true)
    const result = await update({
      ...(label !== part.label ? { label: label.trim() } : {}),
      ...(note !== part.note ? { note } : {}),
    })
    setBusy(false)
    if (result.ok) setDraft({})
    else setError(result.error.message)
  }

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
        onKeyDown={saveOnCtrlEnter(save)}
      >
        <LabelNoteFields
          kind={kind}
          id={id}
          label={label}
          note={note}
          onChange={(change) => setDraft((d) => ({ ...d, ...change }))}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="segment-editor-actions">
          <button type="submit" className="primary" disabled={!dirty || busy}>
            {t(`player.${kind}.save`)}
          </button>
          {dirty && (
            <button type="button" onClick={() => setDraft({})}>
              {t('player.segment.discard')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="danger-outline" onClick={props.onDeleteRequest}>
            {t(`player.${kind}.delete`)}
          </button>
        </div>
      </form>
      <ClaimLinksEditor
        links={part.claimLinks}
        claims={claims}
        ownerName={name}
        onOpenClaim={props.onOpenClaim}
        onChange={async (claimLinks) => (await update({ claimLinks })).ok}
      />
    </>
  )
}
