import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRange } from './time-code'

interface PendingSegmentFormProps {
  start: number
  end: number
  label: string
  note: string
  busy: boolean
  error: string | null
  onChange(draft: { label?: string; note?: string }): void
  onSave(): void
  onCancel(): void
}

/** The in/out range marked with I and O, to be named and saved as a segment. */
export function PendingSegmentForm(props: PendingSegmentFormProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <form
      className="pending-segment"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault()
        props.onSave()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          props.onCancel()
        }
      }}
    >
      <h4 id={`${id}-title`}>
        {t('player.pending.title', { range: formatRange(props.start, props.end) })}
      </h4>
      <div className="pending-segment-fields">
        <div className="field">
          <label htmlFor={`${id}-label`}>{t('player.segment.label')}</label>
          <input
            id={`${id}-label`}
            value={props.label}
            maxLength={300}
            placeholder={t('player.pending.labelPlaceholder')}
            onChange={(e) => props.onChange({ label: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('player.segment.note')}</label>
          <input
            id={`${id}-note`}
            value={props.note}
            onChange={(e) => props.onChange({ note: e.target.value })}
          />
        </div>
        <div className="pending-segment-actions">
          <button type="submit" className="primary" disabled={props.busy}>
            {t('player.pending.save')}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
    </form>
  )
}
