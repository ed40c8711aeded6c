/**
 * Small text forms shared by the report renderers, so HTML, Markdown, DOCX and CSV cite an
 * article, list sources and split notes the same way.
 */
import type { ReportLanguage } from '../../shared/report-options'
import type { ReportCitation, ReportClaimRef, ReportModel, ReportSourceRef } from './report-model'
import { formatReportDate, reportText, type ReportText } from './report-text'

/** Column headings of the tables every format has, so that they match across formats. */
export function columnHeads(text: ReportText) {
  const { claim, sources, contradictions: c, evidence } = text
  return {
    claims: [claim.number, claim.statement, claim.status, claim.code, claim.madeOn, claim.saidBy],
    sources: [
      claim.number,
      sources.name,
      sources.kind,
      sources.reliability,
      sources.reason,
      sources.claimsSaid,
      sources.claimsReported,
    ],
    comparison: [claim.number, c.figure, c.source, c.date, c.status, c.grade, c.reportedIn],
    segments: [evidence.timecode, evidence.label, evidence.note, evidence.claimLinks],
    regions: [evidence.label, evidence.region, evidence.note, evidence.claimLinks],
  }
}

/** The parts of a citation that are known, in citation order. */
export function citationParts(
  citation: ReportCitation,
  language: ReportLanguage,
): { title: string; details: string[]; url: string } {
  const text = reportText(language)
  const details = [
    citation.outlet,
    formatReportDate(citation.publishedAt, language) || text.quotes.noDate,
    citation.authors.length > 0 ? `${text.quotes.authors} ${citation.authors.join(', ')}` : '',
  ].filter(Boolean)
  return { title: citation.title, details, url: citation.url }
}

/** One line: “Title”, Outlet, 1 March 2026, By A. B., https://… */
export function citationLine(citation: ReportCitation, language: ReportLanguage): string {
  const { title, details, url } = citationParts(citation, language)
  return [`“${title}”`, ...details, url].filter(Boolean).join(', ')
}

/** "Name (S2, B)": a source with its number in the report and its reliability grade. */
export function sourceLabel(source: ReportSourceRef): string {
  const extra = [source.ref, source.reliability].filter(Boolean).join(', ')
  return extra ? `${source.name} (${extra})` : source.name
}

/** A claim by its number, or by its statement when it is outside the selection. */
export function claimLabel(claim: ReportClaimRef, maxLength = 80): string {
  if (claim.ref) return claim.ref
  const s = claim.statement
  return `“${s.length > maxLength ? `${s.slice(0, maxLength - 1)}…` : s}”`
}

/** Paragraphs of a free text (blank lines separate them), each a list of lines. */
export function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ''))
}

/** How many entries a section has (shown in the table of contents), or null for prose sections. */
export function sectionCount(model: ReportModel, section: ReportModel['sections'][number]) {
  switch (section) {
    case 'claims':
      return model.claims.length
    case 'quotes':
      return model.quotes.reduce((n, g) => n + g.quotes.length, 0)
    case 'evidence':
      return model.evidence.length
    case 'sources':
      return model.sources.length
    case 'contradictions':
      return model.contradictions.length
    case 'appendix':
      return model.files.length
    case 'method':
      return null
  }
}

/** A parsed http(s) URL, or null (other schemes are shown as text, never as links). */
export function webUrl(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}
