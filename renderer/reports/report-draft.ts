/**
 * The report builder's options as the form holds them, remembered per project for the session
 * (leaving the Reports view and coming back keeps them), and the helpers around them.
 */
import {
  emptyReportFilter,
  REPORT_FILE_EXTENSIONS,
  REPORT_SECTIONS,
  type ReportFilter,
  type ReportFormat,
  type ReportLanguage,
  type ReportOptions,
  type ReportSection,
} from '../../shared/report-options'

/** Every option present; `sections` lists the ticked ones in report order. */
export type ReportDraft = ReportOptions

/** The ids the filter may name, to drop the ones deleted since they were chosen. */
export interface KnownIds {
  statuses: ReadonlySet<string>
  tags: ReadonlySet<string>
  sources: ReadonlySet<string>
  articles: ReadonlySet<string>
}

const remembered = new Map<string, ReportDraft>()

export function defaultDraft(projectName: string, language: ReportLanguage): ReportDraft {
  return {
    title: projectName,
    author: '',
    methodNotes: '',
    language,
    format: 'html',
    filter: emptyReportFilter(),
    sections: [...REPORT_SECTIONS],
  }
}

/** The options last used for this project in this session, if any. */
export function rememberedDraft(projectId: string): ReportDraft | undefined {
  return remembered.get(projectId)
}

export function rememberDraft(projectId: string, draft: ReportDraft): void {
  remembered.set(projectId, draft)
}

/** The filter without ids that no longer exist (a deleted tag would otherwise match nothing). */
export function withoutStaleIds(filter: ReportFilter, known: KnownIds): ReportFilter {
  const keep = (ids: string[], set: ReadonlySet<string>) => {
    const kept = ids.filter((id) => set.has(id))
    return kept.length === ids.length ? ids : kept
  }
  return {
    ...filter,
    statuses: keep(filter.statuses, known.statuses),
    tagIds: keep(filter.tagIds, known.tags),
    sourceIds: keep(filter.sourceIds, known.sources),
    articleIds: keep(filter.articleIds, known.articles),
  }
}

/** Sections in display order: the ticked ones in report order, then the others. */
export function sectionRows(sections: readonly ReportSection[]): ReportSection[] {
  return [...sections, ...REPORT_SECTIONS.filter((s) => !sections.includes(s))]
}

/** Characters file systems refuse in names (Windows is the strictest), and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAMES = /[<>:"/\\|?*\u0000-\u001f]+/g

/** A file name for the save dialog: the title made safe, with the extension of `format`. */
export function reportFileName(title: string, format: ReportFormat): string {
  return `${safeBaseName(title, 'report')}.${REPORT_FILE_EXTENSIONS[format]}`
}

/** `name` as the base of a file name: unsafe characters replaced, trimmed, at most 120 long. */
export function safeBaseName(name: string, fallback: string): string {
  const cleaned = name
    .replace(UNSAFE_IN_FILE_NAMES, '-')
    // "Title: subtitle" reads as "Title - subtitle", not "Title- subtitle".
    .replace(/(\S)-(\s)/g, '$1 -$2')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '')
  return [...cleaned].slice(0, 120).join('').trim() || fallback
}
