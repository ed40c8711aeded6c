/**
 * The report as a Word document (DOCX, with the `docx` package): a title block, a list of the
 * sections, then one section per page with real headings (Word's navigation pane and its own
 * table of contents pick them up), tables with repeating header rows, quotes as indented
 * paragraphs with a rule, and captured frames as embedded PNG images with their hashes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { ReportSection } from '../../shared/report-options'
import type {
  ReportClaim,
  ReportClaimLink,
  ReportEvidence,
  ReportModel,
  ReportSourceRef,
  ReportStatus,
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

type Block = Paragraph | Table

/** A4 in twips, with 2 cm margins: the width tables are laid out in. */
const PAGE = { width: 11906, height: 16838, margin: 1134 }
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
const MONO = 'Courier New'
const MUTED = '5F6670'
/** Frames are shown at most this wide (pixels at 96 dpi, about 6.4 cm). */
const FRAME_WIDTH = 240

/** Everything XML 1.0 allows; the rest (control characters, lone surrogates) would break the file. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const clean = (value: string) => value.replace(INVALID_XML, '\uFFFD')
const hex = (color: string) => color.replace(/^#/, '').toUpperCase()

interface RunStyle {
  bold?: boolean
  italics?: boolean
  mono?: boolean
  muted?: boolean
  size?: number
}

/** Runs for a text whose line breaks are kept. */
function runs(value: string, style: RunStyle = {}): TextRun[] {
  return clean(value)
    .split(/\r\n?|\n/)
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          ...(i > 0 ? { break: 1 } : {}),
          ...(style.bold ? { bold: true } : {}),
          ...(style.italics ? { italics: true } : {}),
          ...(style.mono ? { font: MONO, size: style.size ?? 16 } : {}),
          ...(style.muted ? { color: MUTED } : {}),
          ...(style.size && !style.mono ? { size: style.size } : {}),
        }),
    )
}

const para = (children: TextRun[] | string, options: { spacingAfter?: number } = {}) =>
  new Paragraph({
    children: typeof children === 'string' ? runs(children) : children,
    spacing: { after: options.spacingAfter ?? 80 },
  })

function heading(
  level: 1 | 2 | 3,
  value: string,
  options: { pageBreakBefore?: boolean } = {},
): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 }
  return new Paragraph({
    heading: levels[level],
    children: runs(value),
    keepNext: true,
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
  })
}

/** Free text as paragraphs. */
function prose(value: string, style: RunStyle = {}): Paragraph[] {
  return paragraphsOf(value).map((lines) => para(runs(lines.join('\n'), style)))
}

/** A quote: indented, with a rule on the left, kept as written. */
function quote(value: string): Paragraph {
  return new Paragraph({
    style: 'ReportQuote',
    children: runs(value),
    keepNext: true,
  })
}

function statusRun(status: ReportStatus): TextRun {
  return new TextRun({
    text: ` ${clean(status.label)} `,
    bold: true,
    size: 17,
    color: hex(status.text),
    shading: { type: ShadingType.CLEAR, fill: hex(status.background), color: 'auto' },
  })
}

type CellContent = string | TextRun[] | Block[]

function cellBlocks(content: CellContent): Block[] {
  if (typeof content === 'string') return [para(runs(content, { size: 17 }), { spacingAfter: 0 })]
  if (content.length === 0) return [para('', { spacingAfter: 0 })]
  if (content[0] instanceof TextRun) return [para(content as TextRun[], { spacingAfter: 0 })]
  return content as Block[]
}

/** A table across the page; `weights` share out the width between the columns. */
function table(
  head: readonly string[],
  rows: readonly CellContent[][],
  weights: readonly number[],
) {
  const sum = weights.reduce((a, b) => a + b, 0)
  const widths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / sum))
  const margins = { top: 40, bottom: 40, left: 80, right: 80 }
  const headRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: head.map(
      (h, i) =>
        new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          margins,
          shading: { type: ShadingType.CLEAR, fill: 'EFEDE8', color: 'auto' },
          children: [para(runs(h, { bold: true, size: 16 }), { spacingAfter: 0 })],
        }),
    ),
  })
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      headRow,
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map(
              (content, i) =>
                new TableCell({
                  width: { size: widths[i] ?? 0, type: WidthType.DXA },
                  margins,
                  children: cellBlocks(content),
                }),
            ),
          }),
      ),
    ],
  })
}

/** Label–value lines ("Said by: …"). */
function facts(rows: ReadonlyArray<[string, TextRun[] | string]>): Paragraph[] {
  return rows.map(([label, value]) =>
    para(
      [
        new TextRun({ text: `${clean(label)}: `, color: MUTED }),
        ...(typeof value === 'string' ? runs(value) : value),
      ],
      { spacingAfter: 20 },
    ),
  )
}

/** Renders the report model as a DOCX file. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const text = reportText(model.meta.language)
  const date = (iso: string) => formatReportDate(iso, model.meta.language)
  const { meta } = model
  const body: Block[] = []

  // Title block and contents.
  body.push(
    new Paragraph({ children: runs(meta.projectName.toUpperCase(), { muted: true, size: 17 }) }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(meta.title) }),
    ...facts([
      [text.titleBlock.project, meta.projectName],
      ...(meta.author ? [[text.titleBlock.author, meta.author] as [string, string]] : []),
      [text.titleBlock.created, formatReportTimestamp(meta.generatedAt, meta.language)],
      [
        text.titleBlock.selection,
        meta.filtered
          ? meta.filterSummary.map((f) => `${f.label}: ${f.value}`).join('\n')
          : text.titleBlock.allClaims,
      ],
    ]),
    para(runs(text.titleBlock.counts(meta.claimCount, meta.totalClaims), { muted: true })),
  )
  if (meta.filtered) body.push(para(runs(text.filter.scope, { italics: true, muted: true })))
  body.push(heading(2, text.titleBlock.contents))
  model.sections.forEach((section, i) => {
    const count = sectionCount(model, section)
    body.push(
      para(`${i + 1}\u2003${text.sections[section]}${count === null ? '' : ` (${count})`}`, {
        spacingAfter: 20,
      }),
    )
  })
  if (model.warnings.length > 0) {
    body.push(heading(3, text.titleBlock.problems))
    for (const w of model.warnings) body.push(para(`• ${w}`))
  }

  const sourcesText = (list: readonly ReportSourceRef[], none: string) =>
    list.length > 0 ? list.map(sourceLabel).join(', ') : none
  const linksText = (list: readonly ReportClaimLink[]) =>
    list.map((l) => `${l.stanceLabel}: ${claimLabel(l.claim)}`).join('; ')

  const claimBlocks = (claim: ReportClaim, full: boolean): Block[] => {
    const t = text.claim
    const out: Block[] = [
      new Paragraph({
        heading: HeadingLevel.HEADING_3,
        keepNext: true,
        children: [
          new TextRun({ text: `${claim.ref ?? t.outsideSelection}  ` }),
          statusRun(claim.status),
          new TextRun({ text: `  ${claim.code}`, font: MONO }),
          new TextRun({
            text: `  ${clean(claim.madeOn ? date(claim.madeOn) : t.undated)}`,
            color: MUTED,
          }),
        ],
      }),
      new Paragraph({ children: runs(claim.statement, { bold: true }), keepNext: true }),
    ]
    const rows: Array<[string, string]> = [[t.saidBy, sourcesText(claim.saidBy, t.noSaidBy)]]
    if (claim.reportedBy.length > 0) rows.push([t.reportedBy, sourcesText(claim.reportedBy, '')])
    rows.push([
      t.credibility,
      claim.credibility
        ? `${claim.credibility} – ${claim.credibilityLabel}`
        : claim.credibilityLabel,
    ])
    rows.push([
      t.reliability,
      claim.reliability
        ? `${claim.reliability} – ${claim.reliabilityLabel}`
        : claim.reliabilityLabel,
    ])
    if (claim.figures.length > 0)
      rows.push([t.figures, claim.figures.map((f) => `${f.formatted} (“${f.text}”)`).join('; ')])
    if (claim.tags.length > 0) rows.push([t.tags, claim.tags.map((tag) => tag.name).join(', ')])
    out.push(...facts(rows))
    out.push(para(runs(`${t.rationale}:`, { muted: true }), { spacingAfter: 20 }))
    out.push(
      ...(claim.rationale
        ? prose(claim.rationale)
        : [para(runs(t.noRationale, { italics: true }))]),
    )
    if (claim.assessedAt)
      out.push(
        para(runs(t.assessed(claim.assessedBy, date(claim.assessedAt)), { muted: true, size: 17 })),
      )
    if (!full) return out
    if (claim.notes) {
      out.push(
        para(runs(`${t.notes}:`, { muted: true }), { spacingAfter: 20 }),
        ...prose(claim.notes),
      )
    }
    if (claim.citations.length > 0) {
      out.push(para(runs(`${t.reportedIn}:`, { muted: true }), { spacingAfter: 20 }))
      for (const c of claim.citations) {
        out.push(quote(c.text))
        out.push(
          para(runs(`${c.quoteRef} · ${citationLine(c.citation, meta.language)}`, { size: 17 })),
        )
      }
    }
    if (claim.relations.length > 0) {
      out.push(para(runs(`${t.relations}:`, { muted: true }), { spacingAfter: 20 }))
      for (const r of claim.relations)
        out.push(
          para(
            `• ${r.roleLabel} ${claimLabel(r.other)}${r.other.ref ? `: ${r.other.statement}` : ''}${r.note ? ` – ${r.note}` : ''}`,
            { spacingAfter: 20 },
          ),
        )
    }
    if (claim.evidence.length > 0) {
      out.push(para(runs(`${t.evidence}:`, { muted: true }), { spacingAfter: 20 }))
      for (const x of claim.evidence)
        out.push(
          para(
            `• ${x.stanceLabel}: ${x.itemRef ? `${x.itemRef} ` : ''}${x.title}${x.part ? ` (${x.part})` : ''}`,
            { spacingAfter: 20 },
          ),
        )
    }
    return out
  }

  const evidenceBlocks = (item: ReportEvidence): Block[] => {
    const t = text.evidence
    const out: Block[] = [
      heading(2, `${item.ref} · ${item.title}`),
      para([
        new TextRun({ text: `${clean(item.kindLabel)}  ` }),
        statusRun(item.status),
        ...(item.credibility
          ? [new TextRun({ text: `  ${item.credibility} – ${clean(item.credibilityLabel)}` })]
          : []),
      ]),
      table(
        [t.file, ''],
        [
          [t.originalName, item.file.originalName],
          [t.storage, item.file.storageLabel],
          [t.path, runs(item.file.path, { mono: true })],
          [t.mimeType, item.file.mimeType],
          [t.size, item.file.sizeLabel],
          [t.sha256Recorded, runs(item.file.sha256, { mono: true })],
          ...item.metadataRows.map((r) => [r.label, r.value]),
          ...item.provenanceRows.map((r) => [r.label, r.value]),
        ],
        [1, 2.6],
      ),
    ]
    if (item.provenance.verificationNotes)
      out.push(heading(3, t.verificationNotes), ...prose(item.provenance.verificationNotes))
    if (item.rationale) out.push(heading(3, t.assessment), ...prose(item.rationale))
    if (item.claimLinks.length > 0) out.push(...facts([[t.claimLinks, linksText(item.claimLinks)]]))
    if (item.segments.length > 0) {
      out.push(
        heading(3, t.segments),
        table(
          columnHeads(text).segments,
          item.segments.map((s) => [
            runs(s.timecode, { mono: true }),
            s.label,
            s.note,
            linksText(s.claimLinks),
          ]),
          [1.4, 1.2, 2, 1.6],
        ),
      )
    }
    if (item.frames.length > 0) {
      out.push(heading(3, t.frames))
      for (const f of item.frames) {
        const caption = t.frameAt(f.timecode)
        if (f.png) {
          const width = Math.min(FRAME_WIDTH, f.width)
          const height = Math.round((width * f.height) / f.width)
          out.push(
            new Paragraph({
              keepNext: true,
              children: [
                new ImageRun({
                  type: 'png',
                  data: f.png,
                  transformation: { width, height },
                  altText: { name: caption, title: caption, description: `${caption} ${f.sha256}` },
                }),
              ],
            }),
          )
        } else {
          out.push(para(runs(t.frameMissing, { italics: true })))
        }
        out.push(
          para([
            new TextRun({ text: clean(caption), bold: true }),
            ...(f.segmentLabel ? [new TextRun({ text: ` · ${clean(f.segmentLabel)}` })] : []),
            ...(f.note ? [new TextRun({ text: ` – ${clean(f.note)}` })] : []),
            new TextRun({ text: `SHA-256 ${f.sha256}`, font: MONO, size: 15, break: 1 }),
          ]),
        )
      }
    }
    if (item.regions.length > 0) {
      const percent = (n: number) => `${Math.round(n * 100)} %`
      out.push(
        heading(3, t.regions),
        table(
          columnHeads(text).regions,
          item.regions.map((r) => [
            r.label,
            `x ${percent(r.box[0])}, y ${percent(r.box[1])}, ${percent(r.box[2])} × ${percent(r.box[3])}`,
            r.note,
            linksText(r.claimLinks),
          ]),
          [1.2, 1.4, 2, 1.6],
        ),
      )
    }
    return out
  }

  const sections: Record<ReportSection, () => Block[]> = {
    claims: () => {
      if (model.claims.length === 0) return [para(text.empty.claims)]
      const t = text.claim
      return [
        table(
          columnHeads(text).claims,
          model.claims.map((c) => [
            c.ref ?? '',
            c.statement,
            [statusRun(c.status)],
            runs(c.code, { mono: true }),
            c.madeOn ? date(c.madeOn) : t.undated,
            sourcesText(c.saidBy, '–'),
          ]),
          [0.6, 4, 1.4, 0.8, 1.4, 2],
        ),
        ...model.claims.flatMap((c) => claimBlocks(c, true)),
      ]
    },
    quotes: () => {
      if (model.quotes.length === 0) return [para(text.empty.quotes)]
      const out: Block[] = [para(runs(text.quotes.intro, { italics: true, muted: true }))]
      for (const group of model.quotes) {
        out.push(
          heading(2, group.citation.title),
          para(runs(citationLine(group.citation, meta.language), { muted: true, size: 17 })),
        )
        for (const q of group.quotes) {
          out.push(quote(q.text))
          const linked = [
            ...q.claims.map((c) => claimLabel(c)),
            ...q.sources.map((s) => s.name),
            ...q.evidence.map((x) => (x.ref ? `${x.ref} ${x.title}` : x.title)),
          ]
          const caption = [q.ref, q.kindLabel]
          if (q.tags.length > 0) caption.push(q.tags.map((tag) => tag.name).join(', '))
          if (linked.length > 0) caption.push(`${text.quotes.linkedTo}: ${linked.join(', ')}`)
          if (q.comment) caption.push(`${text.quotes.comment}: ${q.comment}`)
          out.push(para(runs(caption.join(' · '), { size: 17 })))
          if (q.orphaned) out.push(para(runs(text.quotes.orphaned, { italics: true, size: 17 })))
        }
      }
      return out
    },
    evidence: () =>
      model.evidence.length === 0
        ? [para(text.empty.evidence)]
        : model.evidence.flatMap(evidenceBlocks),
    sources: () => {
      if (model.sources.length === 0) return [para(text.empty.sources)]
      const t = text.sources
      return [
        table(
          columnHeads(text).sources,
          model.sources.map((s) => [
            s.ref,
            [
              new TextRun({ text: clean(s.name), bold: true, size: 17 }),
              ...(s.role || s.organisation
                ? [
                    new TextRun({
                      text: clean([s.role, s.organisation].filter(Boolean).join(', ')),
                      break: 1,
                      color: MUTED,
                      size: 17,
                    }),
                  ]
                : []),
              ...(s.aliases.length > 0
                ? [
                    new TextRun({
                      text: clean(`${t.aliases}: ${s.aliases.join(', ')}`),
                      break: 1,
                      color: MUTED,
                      size: 17,
                    }),
                  ]
                : []),
            ],
            s.kindLabel,
            s.reliability ? `${s.reliability} – ${s.reliabilityLabel}` : s.reliabilityLabel,
            s.reliabilityReason,
            s.said.map((c) => claimLabel(c, 40)).join(', '),
            s.reported.map((c) => claimLabel(c, 40)).join(', '),
          ]),
          [0.5, 2.2, 1.2, 1.4, 2.4, 1, 1],
        ),
      ]
    },
    contradictions: () => {
      const t = text.contradictions
      const out: Block[] = []
      if (model.contradictions.length === 0) out.push(para(text.empty.contradictions))
      else out.push(para(runs(t.intro, { italics: true, muted: true })))
      for (const c of model.contradictions) {
        out.push(heading(2, `${claimLabel(c.from, 40)} ${t.versus} ${claimLabel(c.to, 40)}`))
        if (c.note) out.push(para(runs(`${t.note}: ${c.note}`, { italics: true })))
        out.push(
          table(
            [claimLabel(c.from, 40), claimLabel(c.to, 40)],
            [[claimBlocks(c.from, false), claimBlocks(c.to, false)]],
            [1, 1],
          ),
        )
      }
      out.push(heading(2, t.comparison))
      if (model.comparison.length === 0) {
        out.push(para(text.empty.comparison))
        return out
      }
      out.push(para(runs(t.comparisonIntro, { italics: true, muted: true })))
      for (const g of model.comparison) {
        out.push(
          heading(3, `${t.unit}: ${g.unit}`),
          table(
            columnHeads(text).comparison,
            g.rows.map((row) => [
              claimLabel(row.claim, 40),
              [
                new TextRun({ text: clean(row.figure), bold: true, size: 17 }),
                new TextRun({ text: clean(row.claim.statement), break: 1, color: MUTED, size: 15 }),
                ...(row.contradicts.length > 0
                  ? [
                      new TextRun({
                        text: clean(
                          `⚡ ${t.contradictsRefs(row.contradicts.map((c) => claimLabel(c, 40)).join(', '))}`,
                        ),
                        break: 1,
                        color: 'B42318',
                        size: 15,
                      }),
                    ]
                  : []),
              ],
              row.sources,
              row.madeOn ? date(row.madeOn) : text.claim.undated,
              [statusRun(row.status)],
              runs(row.code, { mono: true }),
              row.reportedIn.join('\n'),
            ]),
            [0.6, 3, 1.6, 1.4, 1.3, 0.8, 1.8],
          ),
        )
      }
      return out
    },
    method: () => methodBlocks(model, text),
    appendix: () => {
      const t = text.appendix
      if (model.files.length === 0) return [para(text.empty.files)]
      return [
        para(runs(t.intro, { italics: true, muted: true })),
        table(
          [t.kind, t.name, t.sha256, t.size, t.basis],
          model.files.map((f) => [
            f.kindLabel,
            [
              new TextRun({ text: clean(f.name), size: 17 }),
              new TextRun({ text: clean(f.path), font: MONO, size: 14, color: MUTED, break: 1 }),
            ],
            f.sha256 ? runs(f.sha256, { mono: true, size: 14 }) : f.problem || t.missing,
            f.size === null ? '' : text.bytes(f.size),
            f.problem && f.sha256 ? `${f.basisLabel}\n${f.problem}` : f.basisLabel,
          ]),
          [1.2, 2.6, 3.4, 1, 1.4],
        ),
      ]
    },
  }

  model.sections.forEach((section, i) => {
    body.push(heading(1, `${i + 1}  ${text.sections[section]}`, { pageBreakBefore: true }))
    body.push(...sections[section]())
  })

  const document = new Document({
    creator: 'Claimdesk',
    title: clean(meta.title),
    description: clean(`${meta.projectName} – ${meta.title}`),
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 19 } },
        heading1: {
          run: { font: 'Arial', size: 32, bold: true },
          paragraph: { spacing: { after: 160 } },
        },
        heading2: {
          run: { font: 'Arial', size: 26, bold: true },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: { font: 'Arial', size: 21, bold: true },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        title: {
          run: { font: 'Georgia', size: 48, bold: true },
          paragraph: { spacing: { after: 200 } },
        },
      },
      paragraphStyles: [
        {
          id: 'ReportQuote',
          name: 'Report Quote',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: 'Georgia', size: 20 },
          paragraph: {
            indent: { left: 360 },
            spacing: { before: 80, after: 40 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'D99A00', space: 8 } },
            shading: { type: ShadingType.CLEAR, fill: 'FFFAF0', color: 'auto' },
          },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: [
                      `${clean(meta.title)} · ${text.page} `,
                      PageNumber.CURRENT,
                      ' / ',
                      PageNumber.TOTAL_PAGES,
                    ],
                    size: 15,
                    color: MUTED,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  })
  return Packer.toBuffer(document)
}

function methodBlocks(model: ReportModel, text: ReportText): Block[] {
  const t = text.method
  const out: Block[] = [heading(2, t.notes)]
  out.push(...(model.methodNotes.trim() ? prose(model.methodNotes) : [para(text.empty.notes)]))
  out.push(heading(2, t.grading), para(t.gradingText), para(t.independence))
  out.push(
    heading(3, t.reliabilityScale),
    table(
      [t.grade, '', t.meaning],
      Object.entries(text.reliability).map(([g, v]) => [
        runs(g, { bold: true }),
        runs(v.label, { bold: true }),
        v.meaning,
      ]),
      [0.6, 1.8, 5],
    ),
    heading(3, t.credibilityScale),
    table(
      [t.grade, '', t.meaning],
      Object.entries(text.credibility).map(([g, v]) => [
        runs(g, { bold: true }),
        runs(v.label, { bold: true }),
        v.meaning,
      ]),
      [0.6, 1.8, 5],
    ),
    heading(3, t.statuses),
    table(
      [text.claim.status, t.meaning],
      model.statuses.map((s) => [[statusRun(s.status)], s.meaning]),
      [1.4, 5],
    ),
    heading(3, t.stances),
    table(
      [t.stance, t.meaning],
      Object.entries(text.stances).map(([stance, label]) => [
        runs(label, { bold: true }),
        text.stanceMeanings[stance as keyof ReportText['stanceMeanings']],
      ]),
      [1.4, 5],
    ),
    para(t.hashes),
  )
  return out
}
