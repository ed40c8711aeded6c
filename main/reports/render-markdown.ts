/**
 * The report as CommonMark: headings per section, tables for overviews, blockquotes for quotes.
 * Project text is escaped so that it reads as written (an article's "<script>" or "*" stays
 * text); frames are listed with their hashes, not embedded.
 */
import type { ReportSection } from '../../shared/report-options'
import type {
  ReportClaim,
  ReportClaimLink,
  ReportEvidence,
  ReportModel,
  ReportSourceRef,
} from './report-model'
import {
  citationLine,
  claimLabel,
  columnHeads,
  paragraphsOf,
  sectionCount,
  sourceLabel,
} from './report-format'
import { formatReportDate, formatReportTimestamp, reportText, type ReportText } from './report-text'

/** Inline text with Markdown's punctuation escaped (rendered, it shows exactly as given). */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^(\s*)(#{1,6}(?=\s|$)|[-+=]|\d+(?=[.)]))/gm, (_, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
    )
}

const md = escapeMarkdown

/** A table cell: escaped, on one line. */
const cell = (value: string) => md(value).replace(/\s*\n\s*/g, ' ')

/** Renders the report model as Markdown. */
export function renderMarkdown(model: ReportModel): string {
  const text = reportText(model.meta.language)
  const date = (iso: string) => formatReportDate(iso, model.meta.language)
  const out: string[] = []
  const line = (...lines: string[]) => out.push(...lines)

  /** Free text as paragraphs, lines kept with hard breaks. */
  const paragraphs = (value: string, prefix = '') => {
    for (const lines of paragraphsOf(value)) {
      line(lines.map((l) => `${prefix}${md(l)}`).join('  \n'), '')
    }
  }
  const table = (head: readonly string[], rows: readonly string[][]) => {
    line(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`)
    for (const row of rows) line(`| ${row.join(' | ')} |`)
    line('')
  }
  const blockquote = (value: string) => {
    const lines = value.replace(/\r\n?/g, '\n').split('\n')
    line(lines.map((l) => (l.trim() ? `> ${md(l)}` : '>')).join('  \n'), '')
  }
  const sources = (list: readonly ReportSourceRef[], none: string) =>
    list.length > 0 ? list.map((s) => md(sourceLabel(s))).join(', ') : none
  const links = (list: readonly ReportClaimLink[]) =>
    list.map((l) => `${md(l.stanceLabel)}: ${md(claimLabel(l.claim))}`).join('; ')

  // Title block and contents.
  const { meta } = model
  line(`# ${md(meta.title)}`, '')
  const facts = [`**${md(text.titleBlock.project)}:** ${md(meta.projectName)}`]
  if (meta.author) facts.push(`**${md(text.titleBlock.author)}:** ${md(meta.author)}`)
  facts.push(
    `**${md(text.titleBlock.created)}:** ${md(formatReportTimestamp(meta.generatedAt, meta.language))}`,
  )
  facts.push(
    `**${md(text.titleBlock.selection)}:** ${
      meta.filtered
        ? meta.filterSummary.map((f) => `${md(f.label)}: ${md(f.value)}`).join('; ')
        : md(text.titleBlock.allClaims)
    } (${md(text.titleBlock.counts(meta.claimCount, meta.totalClaims))})`,
  )
  line(facts.join('  \n'), '')
  if (meta.filtered) line(`*${md(text.filter.scope)}*`, '')
  line(`## ${md(text.titleBlock.contents)}`, '')
  model.sections.forEach((section, i) => {
    const count = sectionCount(model, section)
    line(`${i + 1}. ${md(text.sections[section])}${count === null ? '' : ` (${count})`}`)
  })
  line('')
  if (model.warnings.length > 0) {
    line(`**${md(text.titleBlock.problems)}:**`, '')
    for (const w of model.warnings) line(`- ${md(w)}`)
    line('')
  }

  const claimDetails = (claim: ReportClaim, full: boolean) => {
    const t = text.claim
    line(
      `### ${[claim.ref ?? md(t.outsideSelection), md(claim.status.label), claim.code, md(claim.madeOn ? date(claim.madeOn) : t.undated)].join(' · ')}`,
      '',
    )
    line(`**${md(claim.statement)}**`, '')
    line(`- ${md(t.saidBy)}: ${sources(claim.saidBy, md(t.noSaidBy))}`)
    if (claim.reportedBy.length > 0) line(`- ${md(t.reportedBy)}: ${sources(claim.reportedBy, '')}`)
    line(
      `- ${md(t.credibility)}: ${claim.credibility ? `${claim.credibility} – ` : ''}${md(claim.credibilityLabel)}`,
      `- ${md(t.reliability)}: ${claim.reliability ? `${claim.reliability} – ` : ''}${md(claim.reliabilityLabel)}`,
    )
    if (claim.figures.length > 0)
      line(
        `- ${md(t.figures)}: ${claim.figures.map((f) => `${md(f.formatted)} (“${md(f.text)}”)`).join('; ')}`,
      )
    if (claim.tags.length > 0)
      line(`- ${md(t.tags)}: ${claim.tags.map((tag) => md(tag.name)).join(', ')}`)
    line('')
    line(`*${md(t.rationale)}:*`, '')
    if (claim.rationale) paragraphs(claim.rationale)
    else line(md(t.noRationale), '')
    if (claim.assessedAt) line(`*${md(t.assessed(claim.assessedBy, date(claim.assessedAt)))}*`, '')
    if (!full) return
    if (claim.notes) {
      line(`*${md(t.notes)}:*`, '')
      paragraphs(claim.notes)
    }
    if (claim.citations.length > 0) {
      line(`*${md(t.reportedIn)}:*`, '')
      for (const c of claim.citations) {
        blockquote(c.text)
        line(`— ${c.quoteRef}, ${md(citationLine(c.citation, meta.language))}`, '')
      }
    }
    if (claim.relations.length > 0) {
      line(`*${md(t.relations)}:*`, '')
      for (const r of claim.relations)
        line(
          `- ${md(r.roleLabel)} ${md(claimLabel(r.other))}${r.other.ref ? `: ${md(r.other.statement)}` : ''}${r.note ? ` – ${md(r.note)}` : ''}`,
        )
      line('')
    }
    if (claim.evidence.length > 0) {
      line(`*${md(t.evidence)}:*`, '')
      for (const x of claim.evidence)
        line(
          `- ${md(x.stanceLabel)}: ${x.itemRef ? `${x.itemRef} ` : ''}${md(x.title)}${x.part ? ` (${md(x.part)})` : ''}`,
        )
      line('')
    }
  }

  const evidenceDetails = (item: ReportEvidence) => {
    const t = text.evidence
    line(
      `### ${item.ref} · ${md(item.title)}`,
      '',
      `${md(item.kindLabel)} · ${md(item.status.label)}${item.credibility ? ` · ${item.credibility} – ${md(item.credibilityLabel)}` : ''}`,
      '',
    )
    line(
      `- ${md(t.originalName)}: ${md(item.file.originalName)}`,
      `- ${md(t.storage)}: ${md(item.file.storageLabel)}`,
      `- ${md(t.path)}: \`${item.file.path.replace(/`/g, "'")}\``,
      `- ${md(t.mimeType)}: ${md(item.file.mimeType)}`,
      `- ${md(t.size)}: ${md(item.file.sizeLabel)}`,
      `- ${md(t.sha256Recorded)}: \`${item.file.sha256}\``,
    )
    for (const row of [...item.metadataRows, ...item.provenanceRows])
      line(`- ${md(row.label)}: ${md(row.value)}`)
    line('')
    if (item.provenance.verificationNotes) {
      line(`*${md(t.verificationNotes)}:*`, '')
      paragraphs(item.provenance.verificationNotes)
    }
    if (item.rationale) {
      line(`*${md(t.assessment)}:*`, '')
      paragraphs(item.rationale)
    }
    if (item.claimLinks.length > 0) line(`${md(t.claimLinks)}: ${links(item.claimLinks)}`, '')
    if (item.segments.length > 0) {
      line(`**${md(t.segments)}**`, '')
      table(
        columnHeads(text).segments.map(md),
        item.segments.map((s) => [s.timecode, cell(s.label), cell(s.note), links(s.claimLinks)]),
      )
    }
    if (item.frames.length > 0) {
      line(`**${md(t.frames)}**`, '')
      for (const f of item.frames)
        line(
          `- ${md(t.frameAt(f.timecode))}${f.segmentLabel ? ` (${md(f.segmentLabel)})` : ''}: \`${f.path.replace(/`/g, "'")}\`, SHA-256 \`${f.sha256}\`${f.png ? '' : ` – ${md(t.frameMissing)}`}${f.note ? ` – ${md(f.note)}` : ''}`,
        )
      line('')
    }
    if (item.regions.length > 0) {
      line(`**${md(t.regions)}**`, '')
      for (const r of item.regions)
        line(
          `- ${md(r.label || t.region)}${r.note ? `: ${md(r.note)}` : ''}${r.claimLinks.length > 0 ? ` (${links(r.claimLinks)})` : ''}`,
        )
      line('')
    }
  }

  const sections: Record<ReportSection, () => void> = {
    claims: () => {
      if (model.claims.length === 0) return void line(md(text.empty.claims), '')
      const t = text.claim
      table(
        columnHeads(text).claims.map(md),
        model.claims.map((c) => [
          c.ref ?? '',
          cell(c.statement),
          cell(c.status.label),
          c.code,
          cell(c.madeOn ? date(c.madeOn) : t.undated),
          sources(c.saidBy, '–'),
        ]),
      )
      for (const claim of model.claims) claimDetails(claim, true)
    },
    quotes: () => {
      if (model.quotes.length === 0) return void line(md(text.empty.quotes), '')
      line(`*${md(text.quotes.intro)}*`, '')
      for (const group of model.quotes) {
        line(
          `### ${md(group.citation.title)}`,
          '',
          md(citationLine(group.citation, meta.language)),
          '',
        )
        for (const q of group.quotes) {
          blockquote(q.text)
          const linked = [
            ...q.claims.map((c) => md(claimLabel(c))),
            ...q.sources.map((s) => md(s.name)),
            ...q.evidence.map((x) => md(x.ref ? `${x.ref} ${x.title}` : x.title)),
          ]
          const caption = [`— ${q.ref}`, md(q.kindLabel)]
          if (q.tags.length > 0) caption.push(q.tags.map((tag) => md(tag.name)).join(', '))
          if (linked.length > 0) caption.push(`${md(text.quotes.linkedTo)}: ${linked.join(', ')}`)
          if (q.comment) caption.push(`${md(text.quotes.comment)}: ${md(q.comment)}`)
          line(caption.join(' · '), '')
          if (q.orphaned) line(`*${md(text.quotes.orphaned)}*`, '')
        }
      }
    },
    evidence: () => {
      if (model.evidence.length === 0) return void line(md(text.empty.evidence), '')
      for (const item of model.evidence) evidenceDetails(item)
    },
    sources: () => {
      if (model.sources.length === 0) return void line(md(text.empty.sources), '')
      table(
        columnHeads(text).sources.map(md),
        model.sources.map((s) => [
          s.ref,
          cell([s.name, s.role, s.organisation].filter(Boolean).join(', ')),
          cell(s.kindLabel),
          cell(s.reliability ? `${s.reliability} – ${s.reliabilityLabel}` : s.reliabilityLabel),
          cell(s.reliabilityReason),
          s.said.map((c) => md(claimLabel(c, 40))).join(', '),
          s.reported.map((c) => md(claimLabel(c, 40))).join(', '),
        ]),
      )
    },
    contradictions: () => {
      const t = text.contradictions
      if (model.contradictions.length === 0) line(md(text.empty.contradictions), '')
      else line(`*${md(t.intro)}*`, '')
      for (const c of model.contradictions) {
        line(
          `**${md(claimLabel(c.from))} ${md(t.versus)} ${md(claimLabel(c.to))}**${c.note ? ` – ${md(c.note)}` : ''}`,
          '',
        )
        claimDetails(c.from, false)
        claimDetails(c.to, false)
      }
      line(`### ${md(t.comparison)}`, '')
      if (model.comparison.length === 0) return void line(md(text.empty.comparison), '')
      line(`*${md(t.comparisonIntro)}*`, '')
      for (const g of model.comparison) {
        line(`**${md(t.unit)}: ${md(g.unit)}**`, '')
        table(
          columnHeads(text).comparison.map(md),
          g.rows.map((row) => [
            md(claimLabel(row.claim)),
            `${cell(row.figure)}${row.contradicts.length > 0 ? ` (${md(t.contradictsRefs(row.contradicts.map((c) => claimLabel(c)).join(', ')))})` : ''}`,
            cell(row.sources),
            cell(row.madeOn ? date(row.madeOn) : text.claim.undated),
            cell(row.status.label),
            row.code,
            row.reportedIn.map(cell).join('; '),
          ]),
        )
      }
    },
    method: () => methodMarkdown(model, text, line, paragraphs, table),
    appendix: () => {
      const t = text.appendix
      if (model.files.length === 0) return void line(md(text.empty.files), '')
      line(`*${md(t.intro)}*`, '')
      table(
        [t.kind, t.name, t.path, t.sha256, t.size, t.basis].map(md),
        model.files.map((f) => [
          cell(f.kindLabel),
          cell(f.name),
          `\`${f.path.replace(/`/g, "'")}\``,
          f.sha256 ? `\`${f.sha256}\`` : md(f.problem || t.missing),
          f.size === null ? '' : cell(text.bytes(f.size)),
          cell(f.basisLabel),
        ]),
      )
    },
  }

  model.sections.forEach((section, i) => {
    line(`## ${i + 1} ${md(text.sections[section])}`, '')
    sections[section]()
  })
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

function methodMarkdown(
  model: ReportModel,
  text: ReportText,
  line: (...lines: string[]) => void,
  paragraphs: (value: string) => void,
  table: (head: readonly string[], rows: readonly string[][]) => void,
): void {
  const t = text.method
  line(`### ${md(t.notes)}`, '')
  if (model.methodNotes.trim()) paragraphs(model.methodNotes)
  else line(md(text.empty.notes), '')
  line(`### ${md(t.grading)}`, '', md(t.gradingText), '', md(t.independence), '')
  line(`**${md(t.reliabilityScale)}**`, '')
  table(
    [md(t.grade), '', md(t.meaning)],
    Object.entries(text.reliability).map(([g, v]) => [g, md(v.label), md(v.meaning)]),
  )
  line(`**${md(t.credibilityScale)}**`, '')
  table(
    [md(t.grade), '', md(t.meaning)],
    Object.entries(text.credibility).map(([g, v]) => [g, md(v.label), md(v.meaning)]),
  )
  line(`**${md(t.statuses)}**`, '')
  table(
    [md(text.claim.status), md(t.meaning)],
    model.statuses.map((s) => [md(s.status.label), md(s.meaning)]),
  )
  line(`**${md(t.stances)}**`, '')
  table(
    [md(t.stance), md(t.meaning)],
    Object.entries(text.stances).map(([stance, label]) => [
      md(label),
      md(text.stanceMeanings[stance as keyof ReportText['stanceMeanings']]),
    ]),
  )
  line(md(t.hashes), '')
}
