import { AppFailure } from '../../shared/result'
import {
  REPORT_FILE_EXTENSIONS,
  REPORT_FORMATS,
  type ReportFormat,
  ReportOptions,
} from '../../shared/report-options'
import { STANDARD_EXPORT_FORMATS } from '../../shared/exchange-types'
import { describeZodError } from '../../shared/validation'
import { exportStandard, STANDARD_FILE_EXTENSIONS } from '../exchange/standard-formats'
import type { ProjectView } from '../projects/project-view'
import { exportReport } from '../reports/export-report'
import type { ProjectSnapshot } from '../sharing/project-snapshot'
import { writeFileDurably } from '../store/durable-write'
import { chromiumPrintToPdf, findChromium } from './chromium-pdf'

/** What an export reads: a project's documents, and the folder they belong to. */
export interface ExportSource {
  snapshot: ProjectSnapshot
  /** The project folder, or a temporary unpacked copy of a `.claimdesk` file (for media). */
  folder: string
  /** The documents as the exporters read a project (nothing is opened or locked). */
  project: ProjectView
}

/** What the command line's options ask of an export (each format uses what applies to it). */
export interface ExportSettings {
  /** Reports: the title (default: the project's name), author, language of the fixed text. */
  title?: string
  author?: string
  language?: string
  /** Reports: only claims whose current status is one of these (empty: every claim). */
  statuses: string[]
  /** Reports: these sections in this order (empty: all). */
  sections: string[]
  /** ClaimReview: the organisation publishing the reviews. */
  reviewer?: { name: string; url?: string }
  /** REFI-QDA project: copy video evidence into the .qdpx. */
  includeMedia: boolean
}

/**
 * One output format of `claimdesk export --format <id>`. A format module exports one of these;
 * adding it to EXPORT_FORMATS below makes it available (and listed in --help).
 */
export interface ExportFormat {
  /** The name given to --format, e.g. 'html', 'w3c', 'qdpx', 'project-json'. */
  id: string
  /** One line for --help. */
  description: string
  /** The usual file extension, with its dot. */
  extension: string
  write(source: ExportSource, outFile: string, settings: ExportSettings): Promise<void>
}

/** The project's documents combined into one JSON file. */
const projectJsonExport: ExportFormat = {
  id: 'project-json',
  description: "the project's documents (project, registry, articles, custody log) in one file",
  extension: '.json',
  async write({ snapshot }, outFile) {
    const body = {
      format: 'claimdesk-project-json',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      project: snapshot.project,
      registry: snapshot.registry,
      articles: snapshot.articles,
      custody: snapshot.custody,
    }
    await writeFileDurably(outFile, `${JSON.stringify(body, null, 1)}\n`)
  },
}

const REPORT_DESCRIPTIONS: Record<ReportFormat, string> = {
  html: 'the report as one self-contained HTML page',
  pdf: 'the report as PDF, printed by Chromium or Chrome (CHROMIUM_PATH, or on PATH)',
  markdown: 'the report as Markdown',
  docx: 'the report as a Word document',
  'csv-claims': 'one row per claim of the report',
  'csv-annotations': 'one row per annotated passage the report quotes',
  json: "the report's content as structured JSON",
}

/** The report options the settings describe, validated (a wrong one names the option). */
function reportOptions(source: ExportSource, settings: ExportSettings, format: ReportFormat) {
  const parsed = ReportOptions.safeParse({
    title: settings.title ?? source.snapshot.project.name,
    ...(settings.author === undefined ? {} : { author: settings.author }),
    ...(settings.language === undefined ? {} : { language: settings.language }),
    format,
    filter: { statuses: settings.statuses },
    ...(settings.sections.length > 0 ? { sections: settings.sections } : {}),
  })
  if (!parsed.success) {
    throw new AppFailure(
      'invalid-input',
      `The report options are not valid: ${describeZodError(parsed.error)}.`,
    )
  }
  return parsed.data
}

const reportExport = (format: ReportFormat): ExportFormat => ({
  id: format,
  description: REPORT_DESCRIPTIONS[format],
  extension: `.${REPORT_FILE_EXTENSIONS[format]}`,
  async write(source, outFile, settings) {
    const options = reportOptions(source, settings, format)
    const printToPdf = format === 'pdf' ? chromiumPrintToPdf(await findChromium()) : undefined
    await exportReport(source.project, options, outFile, printToPdf ? { printToPdf } : {})
  },
})

const STANDARD_DESCRIPTIONS: Record<(typeof STANDARD_EXPORT_FORMATS)[number], string> = {
  w3c: 'every annotation as W3C Web Annotations (JSON-LD)',
  qdpx: 'a REFI-QDA project for QDA software (--with-media copies videos into it)',
  qdc: 'the codebook as a REFI-QDA codebook',
  claimreview: 'schema.org ClaimReview for claims with a verdict (needs --reviewer)',
}

const standardExport = (format: (typeof STANDARD_EXPORT_FORMATS)[number]): ExportFormat => ({
  id: format,
  description: STANDARD_DESCRIPTIONS[format],
  extension: `.${STANDARD_FILE_EXTENSIONS[format]}`,
  async write(source, outFile, settings) {
    await exportStandard(source.project, format, outFile, {
      includeMedia: settings.includeMedia,
      ...(settings.reviewer ? { reviewer: settings.reviewer } : {}),
    })
  },
})

/** The formats the CLI offers, in --help order. */
export const EXPORT_FORMATS: ExportFormat[] = [
  ...REPORT_FORMATS.map(reportExport),
  ...STANDARD_EXPORT_FORMATS.map(standardExport),
  projectJsonExport,
]

/** Adds a format at run time (e.g. from a module that cannot be imported here); ids are unique. */
export function registerExportFormat(format: ExportFormat): void {
  if (EXPORT_FORMATS.some((f) => f.id === format.id)) {
    throw new Error(`An export format "${format.id}" is already registered.`)
  }
  EXPORT_FORMATS.push(format)
}

export const findExportFormat = (id: string): ExportFormat | undefined =>
  EXPORT_FORMATS.find((f) => f.id === id)
