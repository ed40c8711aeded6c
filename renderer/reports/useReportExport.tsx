import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportOptions } from '../../shared/report-options'
import { call } from '../api'
import { formatBytes } from '../evidence/evidence-helpers'
import { useNotifications } from '../ui/Notifications'
import { newTaskId, TaskProgressBar } from '../ui/TaskProgress'
import { reportFileName } from './report-draft'

type ExportState =
  | { step: 'idle' }
  | { step: 'running'; taskId: string; file: string }
  | { step: 'done'; file: string; bytes: number; warnings: string[] }
  | { step: 'cancelled' }
  | { step: 'failed'; message: string }

/**
 * Exporting the report: the save dialog, then `reports:export` with progress and Cancel, then
 * where the file went (or why not). `status` is what to show while and after it runs.
 */
export function useReportExport() {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const [state, setState] = useState<ExportState>({ step: 'idle' })
  const running = state.step === 'running'

  const start = useCallback(
    async (options: ReportOptions) => {
      const chosen = await call('dialogs:chooseSaveFile', {
        purpose: 'export-report',
        defaultName: reportFileName(options.title, options.format),
      })
      if (!chosen.ok) return notify.error(chosen.error)
      if (!chosen.value) return
      const taskId = newTaskId()
      setState({ step: 'running', taskId, file: chosen.value })
      const result = await call('reports:export', { taskId, options, path: chosen.value })
      if (result.ok) setState({ step: 'done', ...result.value })
      else if (result.error.code === 'cancelled') setState({ step: 'cancelled' })
      else setState({ step: 'failed', message: result.error.message })
    },
    [notify],
  )

  const dismiss = () => setState({ step: 'idle' })
  const dismissButton = (
    <button
      type="button"
      className="notice-dismiss"
      aria-label={t('common.dismiss')}
      onClick={dismiss}
    >
      ×
    </button>
  )

  let status = null
  if (state.step === 'running') {
    status = (
      <TaskProgressBar
        taskId={state.taskId}
        title={t('reports.export.running', { file: state.file })}
        showSteps={false}
      />
    )
  } else if (state.step === 'done') {
    status = (
      <div className="report-export-result" role="status">
        <div className="report-export-line">
          <span>
            {t('reports.export.done', {
              file: state.file,
              size: formatBytes(state.bytes, i18n.language),
            })}
          </span>
          {dismissButton}
        </div>
        {state.warnings.length > 0 && (
          <>
            <p className="small">
              {t('reports.export.doneWarnings', { count: state.warnings.length })}
            </p>
            <ul className="small">
              {state.warnings.map((warning, i) => (
                <li key={i}>{warning}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    )
  } else if (state.step === 'cancelled') {
    status = (
      <div className="report-export-result" role="status">
        <div className="report-export-line">
          <span>{t('reports.export.cancelled')}</span>
          {dismissButton}
        </div>
      </div>
    )
  } else if (state.step === 'failed') {
    status = (
      <div className="report-export-result failed" role="alert">
        <div className="report-export-line">
          <span>{t('reports.export.failed', { message: state.message })}</span>
          {dismissButton}
        </div>
      </div>
    )
  }

  return { start, running, status }
}
