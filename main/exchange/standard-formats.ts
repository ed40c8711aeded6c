/**
 * The standard formats by name, as the app's export and import calls and the command line
 * offer them: W3C Web Annotations (JSON-LD), REFI-QDA (.qdpx project, .qdc codebook) and
 * schema.org ClaimReview. One place that says what each writes and how its result is counted.
 */
import type {
  StandardExportFormat,
  StandardImportFormat,
  StandardImportReport,
} from '../../shared/exchange-types'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import type { ProjectView } from '../projects/project-view'
import { writeFileDurably } from '../store/durable-write'
import { claimReviewJsonLd } from './claim-review'
import { exportQdc, exportQdpx } from './refi-qda-export'
import { importQdpx } from './refi-qda-import'
import { exportW3cAnnotations, importW3cAnnotationFile } from './w3c-annotations'

export interface StandardExportOptions {
  /** REFI-QDA: copy video evidence into the .qdpx. */
  includeMedia?: boolean
  /** ClaimReview: the organisation publishing the reviews (required for that format). */
  reviewer?: { name: string; url?: string }
}

/** The usual file extension of each format, without the dot. */
export const STANDARD_FILE_EXTENSIONS: Record<StandardExportFormat, string> = {
  w3c: 'jsonld',
  qdpx: 'qdpx',
  qdc: 'qdc',
  claimreview: 'jsonld',
}

/**
 * Writes the project in `format` to `file` and returns how many items it holds: annotations
 * (W3C), coded selections (.qdpx), codes (.qdc) or reviews (ClaimReview).
 */
export async function exportStandard(
  project: ProjectView,
  format: StandardExportFormat,
  file: string,
  options: StandardExportOptions = {},
): Promise<number> {
  switch (format) {
    case 'w3c':
      return (await exportW3cAnnotations(project, file)).annotations
    case 'qdpx': {
      const summary = await exportQdpx(project, file, { includeMedia: options.includeMedia })
      return summary.textSelections + summary.videoSelections
    }
    case 'qdc':
      return (await exportQdc(project, file)).codes
    case 'claimreview': {
      const { reviewer } = options
      if (!reviewer || reviewer.name.trim() === '') {
        throw new AppFailure(
          'invalid-input',
          'A ClaimReview export needs the name of the organisation that publishes the reviews.',
          { field: 'reviewer' },
        )
      }
      const reviews = claimReviewJsonLd(project, {
        author: { name: reviewer.name.trim(), ...(reviewer.url ? { url: reviewer.url } : {}) },
      })
      await writeFileDurably(file, `${JSON.stringify(reviews, null, 2)}\n`)
      return reviews.length
    }
  }
}

/** Imports `file` into the open project and says what it did, the same way for both formats. */
export async function importStandard(
  project: OpenProject,
  format: StandardImportFormat,
  file: string,
): Promise<StandardImportReport> {
  if (format === 'w3c') {
    const report = await importW3cAnnotationFile(project, file)
    return {
      format,
      articlesCreated: 0,
      annotationsCreated: report.anchored,
      tagsCreated: report.tagsCreated.length,
      skipped: report.skipped.map((s) => ({ item: s.annotation, reason: s.reason })),
    }
  }
  const report = await importQdpx(project, file)
  return {
    format,
    articlesCreated: report.articles.length,
    annotationsCreated: report.annotations,
    tagsCreated: report.tagsCreated,
    skipped: report.skipped.map((s) => ({ item: s.item, reason: s.reason })),
  }
}
