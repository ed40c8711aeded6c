import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportOptions } from '../../shared/report-options'
import { call } from '../api'
import { formatBytes } from '../evidence/evidence-helpers'
import { TaskProgressBar } from '../ui/TaskProgress'
import { useSaveTask } from '../ui/useSaveTask'
import { reportFileName } from './report-draft'

/**
 * Exporting the report: the save dialog, then `reports:export` with progress and Cancel, then
 * where the file went (or why not). `status` is what to show while and after it runs.
 */
export function useReportExport() {
  const { t, i18n } = useTranslation()
  const task = useSaveTask<{ bytes: number; warnings: string[] }>()
  const state = task.state
  const running = state.step === 'running'
  const { start: startTask, reset: dismiss } = task

  const start = useCallback(
    (options: ReportOptions) =>
      startTask(
        { purpose: 'export-report', defaultName: reportFileName(options.title, options.format) },
        (taskId, path) => call('reports:export', { taskId, options, path }),
      ),
    [startTask],
  )

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
              size: formatBytes(state.value.bytes, i18n.language),
            })}
          </span>
          {dismissButton}
        </div>
        {state.value.warnings.length > 0 && (
          <>
            <p className="small">
              {t('reports.export.doneWarnings', { count: state.value.warnings.length })}
            </p>
            <ul className="small">
              {state.value.warnings.map((warning, i) => (
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
