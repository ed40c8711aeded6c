import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { STANDARD_EXPORT_FORMATS, type StandardExportFormat } from '../../shared/exchange-types'
import { call } from '../api'
import { CloseActions, FormActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'
import { TaskProgressBar } from '../ui/TaskProgress'
import { useSaveTask } from '../ui/useSaveTask'
import { exchangeFileName } from './exchange-formats'
import { FormatChoice } from './FormatChoice'
import './exchange.css'

/** The reviewer typed last, for the next ClaimReview export in this session. */
let lastReviewer = { name: '', url: '' }

interface StandardExportDialogProps {
  projectName: string
  initialFormat: StandardExportFormat
  onClose: () => void
}

/**
 * Exports the project in a standard format (W3C annotations, REFI-QDA project or codebook,
 * ClaimReview): which format and what it is for, its options, the save dialog, progress with
 * Cancel, and where the file went.
 */
export function StandardExportDialog({
  projectName,
  initialFormat,
  onClose,
}: StandardExportDialogProps) {
  const { t } = useTranslation()
  const id = useId()
  const [format, setFormat] = useState<StandardExportFormat>(initialFormat)
  const [includeMedia, setIncludeMedia] = useState(false)
  const [reviewer, setReviewer] = useState(lastReviewer)
  const task = useSaveTask<{ count: number }>()
  const phase = task.state
  const [touched, setTouched] = useState(false)

  const reviewerNameMissing = format === 'claimreview' && reviewer.name.trim() === ''
  const reviewerUrlInvalid =
    format === 'claimreview' &&
    reviewer.url.trim() !== '' &&
    !/^https?:\/\/\S+$/i.test(reviewer.url.trim())
  const invalid = reviewerNameMissing || reviewerUrlInvalid

  const changeReviewer = (next: typeof reviewer) => {
    setReviewer(next)
    lastReviewer = next
  }

  const run = async () => {
    setTouched(true)
    if (invalid) {
      document.getElementById(reviewerNameMissing ? `${id}-name` : `${id}-url`)?.focus()
      return
    }
    await task.start(
      { purpose: 'export-standard', defaultName: exchangeFileName(projectName, format) },
      (taskId, path) =>
        call('exchange:export', {
          taskId,
          format,
          path,
          includeMedia: format === 'qdpx' && includeMedia,
          ...(format === 'claimreview'
            ? { reviewer: { name: reviewer.name.trim(), url: reviewer.url.trim() } }
            : {}),
        }),
    )
  }

  // Closing while it runs stops the export (main removes what it had written).
  const close = () => {
    task.cancel()
    onClose()
  }

  if (phase.step === 'running') {
    return (
      <Modal title={t('reports.exchange.exportTitle')} onClose={close}>
        <TaskProgressBar
          taskId={phase.taskId}
          title={t('reports.exchange.running', { file: phase.file })}
        />
      </Modal>
    )
  }
  if (phase.step === 'done' || phase.step === 'cancelled') {
    return (
      <Modal title={t('reports.exchange.exportTitle')} onClose={close}>
        <p className="exchange-outcome" role="status">
          {phase.step === 'done'
            ? t('reports.exchange.done', { file: phase.file, count: phase.value.count })
            : t('reports.exchange.cancelled')}
        </p>
        <CloseActions onClose={close} />
      </Modal>
    )
  }

  return (
    <Modal title={t('reports.exchange.exportTitle')} onClose={close} wide>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <FormatChoice
          id={id}
          legend={t('reports.exchange.formatLegend')}
          formats={STANDARD_EXPORT_FORMATS}
          value={format}
          onChange={setFormat}
          name={(f) => t(`reports.exchange.formats.${f}`)}
          hint={(f) => t(`reports.exchange.formatHints.${f}`)}
        />

        {format === 'qdpx' && (
          <label className="exchange-check">
            <input
              type="checkbox"
              checked={includeMedia}
              aria-labelledby={`${id}-media-name`}
              aria-describedby={`${id}-media-hint`}
              onChange={(e) => setIncludeMedia(e.target.checked)}
            />
            <span>
              <span id={`${id}-media-name`}>{t('reports.exchange.includeMedia')}</span>
              <small id={`${id}-media-hint`} className="muted">
                {t('reports.exchange.includeMediaHint')}
              </small>
            </span>
          </label>
        )}

        {format === 'claimreview' && (
          <div className="field-grid">
            <label className="field">
              <span>{t('reports.exchange.reviewerName')}</span>
              <input
                id={`${id}-name`}
                value={reviewer.name}
                aria-required="true"
                maxLength={300}
                placeholder={t('reports.exchange.reviewerNamePlaceholder')}
                aria-invalid={(touched && reviewerNameMissing) || undefined}
                aria-describedby={touched && reviewerNameMissing ? `${id}-name-error` : undefined}
                onChange={(e) => changeReviewer({ ...reviewer, name: e.target.value })}
              />
              {touched && reviewerNameMissing && (
                <small id={`${id}-name-error`} className="exchange-field-error">
                  {t('reports.exchange.reviewerNameRequired')}
                </small>
              )}
            </label>
            <label className="field">
              <span>{t('reports.exchange.reviewerUrl')}</span>
              <input
                id={`${id}-url`}
                type="url"
                value={reviewer.url}
                placeholder={t('reports.exchange.reviewerUrlPlaceholder')}
                aria-invalid={(touched && reviewerUrlInvalid) || undefined}
                aria-describedby={touched && reviewerUrlInvalid ? `${id}-url-error` : undefined}
                onChange={(e) => changeReviewer({ ...reviewer, url: e.target.value })}
              />
              {touched && reviewerUrlInvalid && (
                <small id={`${id}-url-error`} className="exchange-field-error">
                  {t('reports.exchange.reviewerUrlInvalid')}
                </small>
              )}
            </label>
          </div>
        )}

        <FormActions
          error={phase.step === 'failed' ? phase.message : null}
          submitLabel={t('reports.exchange.exportButton')}
          onCancel={close}
        />
      </form>
    </Modal>
  )
}
