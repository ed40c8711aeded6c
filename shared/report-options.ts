/**
 * What a report contains and how it is written: which claims (the filter), which sections in
 * which order, the title block, the language of the report's fixed text and the file format.
 * The API validates report requests with `ReportOptions`; defaults make `{ title }` enough.
 */
import { z } from 'zod'
import { ClaimStatus } from './model/claim'
import { Id, OptionalDate } from './model/common'

/**
 * Sections a report can hold:
 * - claims: each claim with its sources, Admiralty code, status, credibility and rationale;
 * - quotes: the annotated passages, word for word, with the article they come from;
 * - evidence: footage, images and documents with provenance, segments, frames and hashes;
 * - sources: the sources with their reliability grade;
 * - contradictions: contradicting claims side by side, and their figures compared;
 * - method: the team's method notes and the grading scales explained;
 * - appendix: every file the report rests on, with its SHA-256.
 */
export const REPORT_SECTIONS = [
  'claims',
  'quotes',
  'evidence',
  'sources',
  'contradictions',
  'method',
  'appendix',
] as const
export const ReportSection = z.enum(REPORT_SECTIONS)
export type ReportSection = z.infer<typeof ReportSection>

/** File formats; the two CSV formats hold one row per claim or per annotation. */
export const REPORT_FORMATS = [
  'html',
  'pdf',
  'markdown',
  'docx',
  'csv-claims',
  'csv-annotations',
  'json',
] as const
export const ReportFormat = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormat>

/** The file name extension of each format (without the dot). */
export const REPORT_FILE_EXTENSIONS: Record<ReportFormat, string> = {
  html: 'html',
  pdf: 'pdf',
  markdown: 'md',
  docx: 'docx',
  'csv-claims': 'csv',
  'csv-annotations': 'csv',
  json: 'json',
}

/** Languages of the report's own text (headings, labels, grade names); content stays as written. */
export const REPORT_LANGUAGES = ['en', 'de'] as const
export const ReportLanguage = z.enum(REPORT_LANGUAGES)
export type ReportLanguage = z.infer<typeof ReportLanguage>

const unique = (ids: readonly string[]) => new Set(ids).size === ids.length

/**
 * Which claims the report covers. Each list, when not empty, keeps the claims that match any of
 * its entries; the lists and dates together keep claims that match all of them. Empty: every
 * claim.
 */
export const ReportFilter = z
  .object({
    /** Current statuses (built-in or the project's own). */
    statuses: z.array(ClaimStatus).default([]),
    /** Tags the claim carries; a tag also selects the tags below it in the codebook. */
    tagIds: z.array(Id).default([]),
    /** Sources that said or reported the claim. */
    sourceIds: z.array(Id).default([]),
    /** Articles in which the claim is mentioned. */
    articleIds: z.array(Id).default([]),
    /** Inclusive bounds on the date the claim was made; '' is open. Undated claims drop out once one is set. */
    dateFrom: OptionalDate.default(''),
    dateTo: OptionalDate.default(''),
  })
  .refine((f) => f.dateFrom === '' || f.dateTo === '' || f.dateFrom <= f.dateTo, {
    message: 'the end date must not be before the start date',
    path: ['dateTo'],
  })
export type ReportFilter = z.infer<typeof ReportFilter>

export const emptyReportFilter = (): ReportFilter => ({
  statuses: [],
  tagIds: [],
  sourceIds: [],
  articleIds: [],
  dateFrom: '',
  dateTo: '',
})

/** True when the filter keeps every claim. */
export function isEmptyReportFilter(filter: ReportFilter): boolean {
  return (
    filter.statuses.length === 0 &&
    filter.tagIds.length === 0 &&
    filter.sourceIds.length === 0 &&
    filter.articleIds.length === 0 &&
    filter.dateFrom === '' &&
    filter.dateTo === ''
  )
}

export const ReportOptions = z.object({
  title: z.string().trim().min(1, 'the report needs a title').max(300),
  author: z.string().trim().max(300).default(''),
  /** The team's notes on method, printed first in the method section (plain text, paragraphs). */
  methodNotes: z.string().max(50_000).default(''),
  language: ReportLanguage.default('en'),
  format: ReportFormat.default('html'),
  filter: ReportFilter.default(emptyReportFilter),
  /** Sections in the order they appear. */
  sections: z
    .array(ReportSection)
    .min(1, 'choose at least one section')
    .refine(unique, 'each section can appear only once')
    .default(() => [...REPORT_SECTIONS]),
})
/** Report options after defaults were applied. */
export type ReportOptions = z.infer<typeof ReportOptions>
/** Report options as a caller may write them (defaults left out). */
export type ReportOptionsInput = z.input<typeof ReportOptions>
