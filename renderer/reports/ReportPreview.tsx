import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportOptions } from '../../shared/report-options'
import { call } from '../api'

/** How long the options must rest before the preview is made again. */
const DEBOUNCE_MS = 500

interface PreviewState {
  /** The request the last answer was for. */
  key: string
  error: string | null
  /** The last preview made; kept on screen while the next one is made or when one fails. */
  shown: { url: string; warnings: string[]; n: number } | null
}

interface ReportPreviewProps {
  /** Valid options, or null while the form has a problem (the preview then waits). */
  options: ReportOptions | null
  /** Grows when the project changes, so the preview follows edits made elsewhere. */
  version: number
}

/**
 * The report as it will be exported, rendered by main and shown in a sandboxed frame (the
 * page has its own strict CSP and runs no script), made again shortly after options change.
 */
export function ReportPreview({ options, version }: ReportPreviewProps) {
  const { t } = useTranslation()
  const key = options ? `${version}:${JSON.stringify(options)}` : null
  const [state, setState] = useState<PreviewState>({ key: '', error: null, shown: null })
  const first = useRef(true)

  useEffect(() => {
    if (!options || key === null) return
    let live = true
    const delay = first.current ? 0 : DEBOUNCE_MS
    first.current = false
    const timer = window.setTimeout(() => {
      void call('reports:preview', { options }).then((result) => {
        if (!live) return
        setState((previous) =>
          result.ok
            ? {
                key,
                error: null,
                shown: { ...result.value, n: (previous.shown?.n ?? 0) + 1 },
              }
            : { key, error: result.error.message, shown: previous.shown },
        )
      })
    }, delay)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
    // `key` stands for `options` (same content, same key): a new object alone is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const updating = key !== null && state.key !== key
  const shown = state.shown
  const title = options?.title ?? ''

  return (
    <section
      className="report-preview"
      aria-label={t('reports.preview.label')}
      aria-busy={updating}
    >
      {options && options.format !== 'html' && (
        <p className="muted small report-preview-format">
          {options.format === 'csv-claims' || options.format === 'csv-annotations'
            ? t('reports.preview.asTable')
            : t('reports.preview.asHtml', { format: t(`reports.formats.${options.format}`) })}
        </p>
      )}
      {state.error && !updating && (
        <p className="form-error" role="alert">
          {t('reports.preview.failed', { message: state.error })}
        </p>
      )}
      {shown && shown.warnings.length > 0 && (
        <details className="report-warnings">
          <summary>{t('reports.preview.warnings', { count: shown.warnings.length })}</summary>
          <ul>
            {shown.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      <div className={updating ? 'report-frame updating' : 'report-frame'}>
        <span className="report-preview-status" role="status">
          {key === null ? (
            t('reports.preview.invalid')
          ) : updating ? (
            <>
              <span className="spinner" aria-hidden="true" />
              {shown ? t('reports.preview.updating') : t('reports.preview.loading')}
            </>
          ) : null}
        </span>
        {shown && (
          <iframe
            // A new frame for each preview: the URL may stay the same while the page changed.
            key={shown.n}
            sandbox=""
            title={t('reports.preview.frameTitle', { title })}
            src={window.claimdesk.mediaBaseUrl + shown.url}
          />
        )}
      </div>
    </section>
  )
}
