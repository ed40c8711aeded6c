import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  STANDARD_IMPORT_FORMATS,
  type StandardImportFormat,
  type StandardImportReport,
} from '../../shared/exchange-types'
import { call } from '../api'
import { baseName } from '../evidence/evidence-helpers'
import { CloseActions, FormActions } from '../ui/FormActions'
import { Modal } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { FormatChoice } from './FormatChoice'
import './exchange.css'

type Phase =
  | { step: 'choose'; error: string | null }
  | { step: 'running'; file: string }
  | { step: 'done'; file: string; report: StandardImportReport }

interface StandardImportDialogProps {
  initialFormat: StandardImportFormat
  onClose: () => void
}

/**
 * Imports annotations from a W3C Web Annotation file or a REFI-QDA project: which kind of file,
 * the file dialog, then what was created and every item that was skipped, with its reason.
 */
export function StandardImportDialog({ initialFormat, onClose }: StandardImportDialogProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const id = useId()
  const [format, setFormat] = useState<StandardImportFormat>(initialFormat)
  const [phase, setPhase] = useState<Phase>({ step: 'choose', error: null })

  const choose = async () => {
    const chosen = await call('dialogs:chooseFiles', {
      purpose: format === 'w3c' ? 'import-w3c' : 'import-qdpx',
    })
    if (!chosen.ok) return notify.error(chosen.error)
    const path = chosen.value[0]
    if (!path) return
    setPhase({ step: 'running', file: path })
    const result = await call('exchange:import', { format, path })
    if (result.ok) setPhase({ step: 'done', file: path, report: result.value })
    else
      setPhase({
        step: 'choose',
        error: t('reports.exchange.failed', { message: result.error.message }),
      })
  }

  if (phase.step === 'running') {
    return (
      <Modal title={t('reports.exchange.importTitle')} onClose={onClose}>
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('reports.exchange.importing', { file: baseName(phase.file) })}
        </p>
      </Modal>
    )
  }

  if (phase.step === 'done') {
    const { report } = phase
    const created = [
      report.articlesCreated > 0 &&
        t('reports.exchange.articles', { count: report.articlesCreated }),
      report.annotationsCreated > 0 &&
        t('reports.exchange.annotations', { count: report.annotationsCreated }),
      report.tagsCreated > 0 && t('reports.exchange.tags', { count: report.tagsCreated }),
    ].filter((part): part is string => typeof part === 'string')
    return (
      <Modal title={t('reports.exchange.importTitle')} onClose={onClose} wide>
        <div className="exchange-report" role="status">
          <p className="exchange-report-file">
            {t('reports.exchange.imported', { file: phase.file })}
          </p>
          <p>
            {created.length > 0
              ? t('reports.exchange.created', { list: created.join(', ') })
              : t('reports.exchange.nothingCreated')}
          </p>
          {report.skipped.length === 0 ? (
            <p className="muted">{t('reports.exchange.noneSkipped')}</p>
          ) : (
            <>
              <p>{t('reports.exchange.skipped', { count: report.skipped.length })}</p>
              <ul className="exchange-skipped">
                {report.skipped.map((skip, i) => (
                  <li key={i}>
                    <span className="exchange-skipped-item">{skip.item}</span>
                    <span className="exchange-skipped-reason">{skip.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <CloseActions onClose={onClose}>
          <button type="button" onClick={() => setPhase({ step: 'choose', error: null })}>
            {t('reports.exchange.importAnother')}
          </button>
        </CloseActions>
      </Modal>
    )
  }

  return (
    <Modal title={t('reports.exchange.importTitle')} onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void choose()
        }}
      >
        <FormatChoice
          id={id}
          legend={t('reports.exchange.formatLegend')}
          formats={STANDARD_IMPORT_FORMATS}
          value={format}
          onChange={setFormat}
          name={(f) => t(`reports.exchange.importFormats.${f}`)}
          hint={(f) => t(`reports.exchange.importHints.${f}`)}
        />
        <FormActions
          error={phase.error}
          submitLabel={t('reports.exchange.chooseFile')}
          onCancel={onClose}
          autoFocusSubmit
        />
      </form>
    </Modal>
  )
}
