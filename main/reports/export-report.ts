/**
 * Writes a report to a file: collect the model, render it in the chosen format, write it
 * durably (a temp file beside the target, fsynced, then renamed over it), reporting progress
 * by stage. Cancelling before the rename leaves no file behind and fails with 'cancelled'.
 */
import type { ReportFormat, ReportOptionsInput } from '../../shared/report-options'
import { AppFailure } from '../../shared/result'
import type { ProjectView } from '../projects/project-view'
import { writeFileDurably } from '../store/durable-write'
import { type PrintToPdf, renderPdf } from './pdf'
import { renderCsv } from './render-csv'
import { renderDocx } from './render-docx'
import { renderHtml } from './render-html'
import { renderJson } from './render-json'
import { renderMarkdown } from './render-markdown'
import {
  buildReportModel,
  parseReportOptions,
  type ReportModel,
  throwIfCancelled,
} from './report-model'

export const EXPORT_STAGES = ['collect', 'render', 'write'] as const
export type ExportStage = (typeof EXPORT_STAGES)[number]

export interface ExportProgress {
  stage: ExportStage
  done: number
  /** Null when the stage's size is not known. */
  total: number | null
}

export interface ExportReportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
  /** Needed for the 'pdf' format: prints the report's HTML to PDF bytes. */
  printToPdf?: PrintToPdf
  /** The report's date (tests pin it). */
  now?: Date
}

export interface ExportReportResult {
  file: string
  format: ReportFormat
  bytes: number
  /** Problems the report lists (unreadable articles, missing frames, quote mismatches). */
  warnings: string[]
}

/** Renders the model in `format`: text for the text formats, bytes for DOCX and PDF. */
export async function renderReport(
  model: ReportModel,
  format: ReportFormat,
  printToPdf?: PrintToPdf,
): Promise<string | Buffer> {
  switch (format) {
    case 'html':
      return renderHtml(model)
    case 'markdown':
      return renderMarkdown(model)
    case 'json':
      return renderJson(model)
    case 'csv-claims':
      return renderCsv(model, 'claims')
    case 'csv-annotations':
      return renderCsv(model, 'annotations')
    case 'docx':
      return renderDocx(model)
    case 'pdf':
      if (!printToPdf) {
        throw new AppFailure('internal', 'PDF export is not available here: nothing can print.')
      }
      return renderPdf(model, printToPdf)
  }
}

/** Builds, renders and durably writes the report to `destFile` (see the module comment). */
export async function exportReport(
  project: ProjectView,
  options: ReportOptionsInput,
  destFile: string,
  run: ExportReportOptions = {},
): Promise<ExportReportResult> {
  const parsed = parseReportOptions(options)
  const { signal, onProgress } = run
  const model = await buildReportModel(project, parsed, {
    ...(signal ? { signal } : {}),
    ...(run.now ? { now: run.now } : {}),
    onProgress: (done, total) => onProgress?.({ stage: 'collect', done, total }),
  })
  throwIfCancelled(signal)
  onProgress?.({ stage: 'render', done: 0, total: 1 })
  const content = await renderReport(model, parsed.format, run.printToPdf)
  onProgress?.({ stage: 'render', done: 1, total: 1 })
  throwIfCancelled(signal)
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length
  onProgress?.({ stage: 'write', done: 0, total: bytes })
  // The write itself is all-or-nothing: the target appears only once complete.
  await writeFileDurably(destFile, content)
  onProgress?.({ stage: 'write', done: bytes, total: bytes })
  return { file: destFile, format: parsed.format, bytes, warnings: model.warnings }
}
