import { useTranslation } from 'react-i18next'

interface DraftActionsProps {
  saveLabel: string
  busy: boolean
  dirty: boolean
  onRevert(): void
}

/** A form's save button and, while there are unsaved changes, revert and a note saying so. */
export function DraftActions({ saveLabel, busy, dirty, onRevert }: DraftActionsProps) {
  const { t } = useTranslation()
  return (
    <div className="claim-actions">
      <button type="submit" className="primary" disabled={busy || !dirty}>
        {saveLabel}
      </button>
      {dirty && (
        <>
          <button type="button" onClick={onRevert}>
            {t('claims.revert')}
          </button>
          <span className="muted small" role="status">
            {t('claims.unsaved')}
          </span>
        </>
      )}
    </div>
  )
}
