import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface FormActionsProps {
  /** Why the last attempt failed, shown above the buttons. */
  error?: string | null
  submitLabel: string
  onCancel: () => void
  /** While the submit runs: the submit button is disabled and says so. */
  busy?: boolean
  autoFocusSubmit?: boolean
}

/** A dialog form's end: the error of the last attempt, Cancel and the submit button. */
export function FormActions(props: FormActionsProps) {
  const { error, submitLabel, onCancel, busy = false, autoFocusSubmit = false } = props
  const { t } = useTranslation()
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} autoFocus={autoFocusSubmit}>
          {busy ? t('common.working') : submitLabel}
        </button>
      </div>
    </>
  )
}

/** A finished dialog's buttons: `children` (e.g. "Import another") and Close, focused. */
export function CloseActions({ onClose, children }: { onClose: () => void; children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="modal-actions">
      {children}
      <button type="button" className="primary" autoFocus onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  )
}
