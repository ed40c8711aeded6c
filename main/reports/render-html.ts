/**
 * The report as one self-contained HTML file: all CSS in a single <style> element, frames as
 * data: URIs, no scripts, no style attributes and nothing loaded from elsewhere (links to the
 * articles' web pages are plain anchors). Every piece of project text is escaped.
 *
 * The page is laid out for reading on screen (the app's live preview) and for printing to A4:
 * the first section follows the contents on the title page, each later one starts a new page;
 * cards and table rows are not split where avoidable.
 * Keeping styles out of attributes means a Content-Security-Policy can allow the one <style>
 * element by its hash.
 */
import type { ReportSection } from '../../shared/report-options'
import type {
  ReportClaim,
  ReportClaimLink,
  ReportClaimRef,
  ReportCitation,
  ReportEvidence,
  ReportModel,
  ReportSourceRef,
  ReportStatus,
} from './report-model'
import {
  citationParts,
  claimLabel,
  columnHeads,
  paragraphsOf,
  sectionCount,
  webUrl,
} from './report-format'
import { formatReportDate, formatReportTimestamp, reportText, type ReportText } from './report-text'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const e = escapeHtml

/**
 * The policy the report carries in a <meta> tag, and the one to serve it with (e.g. to the
 * preview frame): its own style element and data: images, nothing else, so even text that
 * escaped escaping could not run or load anything.
 */
export const REPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/** Renders the report model as a complete HTML document. */
export function renderHtml(model: ReportModel): string {
  const r = new HtmlReport(model)
  return r.document()
}

class HtmlReport {
  private readonly text: ReportText
  /** CSS class of each status, so that badge colours live in the style sheet. */
  private readonly statusClass = new Map<string, string>()

  constructor(private readonly model: ReportModel) {
    this.text = reportText(model.meta.language)
    const statuses = [
      ...model.statuses.map((s) => s.status),
      ...model.claims.map((c) => c.status),
      ...model.contradictions.flatMap((c) => [c.from.status, c.to.status]),
      ...model.evidence.map((x) => x.status),
    ]
    for (const status of statuses) this.classFor(status)
  }

  private classFor(status: ReportStatus): string {
    const key = `${status.id}|${status.background}|${status.border}|${status.text}`
    let name = this.statusClass.get(key)
    if (!name) {
      name = `status-${this.statusClass.size + 1}`
      this.statusClass.set(key, name)
    }
    return name
  }

  private date(iso: string): string {
    return formatReportDate(iso, this.model.meta.language)
  }

  document(): string {
    const { meta } = this.model
    // The body first: it decides which status classes the style sheet needs.
    const body = [
      this.titleBlock(),
      this.contents(),
      this.warnings(),
      ...this.model.sections.map((section, i) => this.section(section, i + 1)),
    ]
    return [
      '<!DOCTYPE html>',
      `<html lang="${meta.language}">`,
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="generator" content="Claimdesk">',
      `<title>${e(meta.title)}</title>`,
      `<style>${this.styles()}</style>`,
      '</head>',
      '<body>',
      '<main class="report">',
      ...body,
      '</main>',
      '</body>',
      '</html>',
      '',
    ].join('\n')
  }

  // --- Frame of the document

  private titleBlock(): string {
    const { meta } = this.model
    const t = this.text.titleBlock
    const rows: Array<[string, string]> = [[t.project, e(meta.projectName)]]
    if (meta.author) rows.push([t.author, e(meta.author)])
    rows.push([t.created, e(formatReportTimestamp(meta.generatedAt, meta.language))])
    const selection = meta.filtered
      ? `<ul class="plain">${meta.filterSummary
          .map((f) => `<li><span class="muted">${e(f.label)}:</span> ${e(f.value)}</li>`)
          .join('')}</ul>`
      : e(t.allClaims)
    rows.push([t.selection, selection])
    rows.push(['', e(t.counts(meta.claimCount, meta.totalClaims))])
    return `<header class="title-block">
<p class="kicker">${e(meta.projectName)}</p>
<h1>${e(meta.title)}</h1>
<dl class="meta">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>
${meta.filtered ? `<p class="scope-note">${e(this.text.filter.scope)}</p>` : ''}
</header>`
  }

  private contents(): string {
    const items = this.model.sections.map((section, i) => {
      const count = sectionCount(this.model, section)
      return `<li><a href="#section-${section}"><span class="toc-number">${i + 1}</span> ${e(
        this.text.sections[section],
      )}</a>${count === null ? '' : ` <span class="toc-count">${count}</span>`}</li>`
    })
    return `<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">${e(this.text.titleBlock.contents)}</h2>
<ol>${items.join('')}</ol>
</nav>`
  }

  private warnings(): string {
    if (this.model.warnings.length === 0) return ''
    return `<aside class="warnings" role="note">
<h2>${e(this.text.titleBlock.problems)}</h2>
<ul>${this.model.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>
</aside>`
  }

  private section(section: ReportSection, number: number): string {
    const body = {
      claims: () => this.claimsSection(),
      quotes: () => this.quotesSection(),
      evidence: () => this.evidenceSection(),
      sources: () => this.sourcesSection(),
      contradictions: () => this.contradictionsSection(),
      method: () => this.methodSection(),
      appendix: () => this.appendixSection(),
    }[section]()
    return `<section class="report-section" id="section-${section}" aria-labelledby="section-${section}-title">
<h2 id="section-${section}-title"><span class="section-number">${number}</span> ${e(
      this.text.sections[section],
    )}</h2>
${body}
</section>`
  }

  // --- Shared pieces

  private badge(status: ReportStatus): string {
    return `<span class="badge ${this.classFor(status)}">${e(status.label)}</span>`
  }

  private code(claim: Pick<ReportClaim, 'code'>): string {
    return `<abbr class="code" title="${e(this.text.claim.codeTitle)}">${e(claim.code)}</abbr>`
  }

  private paragraphs(value: string, className = ''): string {
    const cls = className ? ` class="${className}"` : ''
    return paragraphsOf(value)
      .map((lines) => `<p${cls}>${lines.map(e).join('<br>')}</p>`)
      .join('\n')
  }

  private empty(message: string): string {
    return `<p class="empty">${e(message)}</p>`
  }

  private claimRef(claim: ReportClaimRef): string {
    if (!claim.ref) return `<span class="outside">${e(claimLabel(claim))}</span>`
    return `<a class="ref" href="#claim-${e(claim.id)}" title="${e(claim.statement)}">${e(claim.ref)}</a>`
  }

  private sourceRefs(sources: readonly ReportSourceRef[], none = ''): string {
    if (sources.length === 0) return none ? `<span class="muted">${e(none)}</span>` : ''
    return sources
      .map((s) => {
        const grade = s.reliability ? ` <span class="grade">${e(s.reliability)}</span>` : ''
        const name = s.ref
          ? `<a href="#source-${e(s.id)}">${e(s.name)}</a>`
          : `<span>${e(s.name)}</span>`
        return `<span class="source-ref">${name}${grade}</span>`
      })
      .join(', ')
  }

  /** An article citation; under a heading that is already the title, `withTitle` is false. */
  private citation(citation: ReportCitation, withTitle = true): string {
    const { title, details, url } = citationParts(citation, this.model.meta.language)
    const href = webUrl(url)
    const link = url
      ? href
        ? ` <a class="url" href="${e(href)}" rel="noreferrer">${e(url)}</a>`
        : ` <span class="url">${e(url)}</span>`
      : ''
    const parts = withTitle ? [`<span class="cite-title">${e(title)}</span>`] : []
    parts.push(...details.map(e))
    return `<cite>${parts.join(' · ')}${link}</cite>`
  }

  private claimLinks(links: readonly ReportClaimLink[]): string {
    return links
      .map(
        (l) =>
          `<span class="stance stance-${l.stance}">${e(l.stanceLabel)}</span> ${this.claimRef(l.claim)}`,
      )
      .join('; ')
  }

  private table(
    head: readonly string[],
    rows: readonly string[][],
    className: string,
    caption = '',
  ): string {
    return `<table class="${className}">${caption ? `<caption>${e(caption)}</caption>` : ''}
<thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table>`
  }

  // --- Claims

  private claimsSection(): string {
    const { claims } = this.model
    if (claims.length === 0) return this.empty(this.text.empty.claims)
    const t = this.text.claim
    const overview = this.table(
      columnHeads(this.text).claims,
      claims.map((c) => [
        `<a class="ref" href="#claim-${e(c.id)}">${e(c.ref ?? '')}</a>`,
        e(c.statement),
        this.badge(c.status),
        this.code(c),
        c.madeOn ? e(this.date(c.madeOn)) : `<span class="muted">${e(t.undated)}</span>`,
        this.sourceRefs(c.saidBy, '–'),
      ]),
      'overview',
      t.table,
    )
    return `${overview}\n${claims.map((c) => this.claimCard(c)).join('\n')}`
  }

  private claimCard(claim: ReportClaim, compact = false): string {
    const t = this.text.claim
    const facts: Array<[string, string]> = [[t.saidBy, this.sourceRefs(claim.saidBy, t.noSaidBy)]]
    if (claim.reportedBy.length > 0) facts.push([t.reportedBy, this.sourceRefs(claim.reportedBy)])
    facts.push([
      t.credibility,
      claim.credibility
        ? `<strong>${e(claim.credibility)}</strong> – ${e(claim.credibilityLabel)}`
        : `<span class="muted">${e(claim.credibilityLabel)}</span>`,
    ])
    facts.push([
      t.reliability,
      claim.reliability
        ? `<strong>${e(claim.reliability)}</strong> – ${e(claim.reliabilityLabel)}`
        : `<span class="muted">${e(claim.reliabilityLabel)}</span>`,
    ])
    if (claim.figures.length > 0)
      facts.push([
        t.figures,
        claim.figures
          .map((f) => `${e(f.formatted)} <span class="muted">(“${e(f.text)}”)</span>`)
          .join('; '),
      ])
    if (claim.tags.length > 0)
      facts.push([
        t.tags,
        claim.tags.map((tag) => `<span class="chip">${e(tag.name)}</span>`).join(' '),
      ])
    const id = claim.inSelection && !compact ? ` id="claim-${e(claim.id)}"` : ''
    const assessed = claim.assessedAt
      ? `<p class="assessed muted">${e(t.assessed(claim.assessedBy, this.date(claim.assessedAt)))}</p>`
      : ''
    const rationale = claim.rationale
      ? `<div class="rationale"><h4>${e(t.rationale)}</h4>${this.paragraphs(claim.rationale)}${assessed}</div>`
      : `<div class="rationale"><h4>${e(t.rationale)}</h4><p class="muted">${e(t.noRationale)}</p>${assessed}</div>`
    const parts = [
      `<header class="card-head"><span class="card-ref">${e(claim.ref ?? '')}</span>${this.badge(
        claim.status,
      )} ${this.code(claim)}<span class="card-date">${
        claim.madeOn ? e(this.date(claim.madeOn)) : e(t.undated)
      }</span>${claim.inSelection ? '' : `<span class="muted"> · ${e(t.outsideSelection)}</span>`}</header>`,
      `<p class="statement">${e(claim.statement)}</p>`,
      `<dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>`,
      rationale,
    ]
    if (!compact) {
      if (claim.notes)
        parts.push(`<div class="notes"><h4>${e(t.notes)}</h4>${this.paragraphs(claim.notes)}</div>`)
      if (claim.citations.length > 0)
        parts.push(
          `<div class="citations"><h4>${e(t.reportedIn)}</h4>${claim.citations
            .map(
              (c) =>
                `<figure class="quote"><blockquote>${e(c.text)}</blockquote><figcaption><a class="ref" href="#quote-${e(
                  c.quoteRef,
                )}">${e(c.quoteRef)}</a> ${this.citation(c.citation)}</figcaption></figure>`,
            )
            .join('')}</div>`,
        )
      if (claim.relations.length > 0)
        parts.push(
          `<div class="relations"><h4>${e(t.relations)}</h4><ul>${claim.relations
            .map(
              (r) =>
                `<li><span class="relation relation-${r.role}">${e(r.roleLabel)}</span> ${this.claimRef(
                  r.other,
                )}${r.other.ref ? ` <span class="muted">${e(r.other.statement)}</span>` : ''}${
                  r.note ? ` <span class="note">– ${e(r.note)}</span>` : ''
                }</li>`,
            )
            .join('')}</ul></div>`,
        )
      if (claim.evidence.length > 0)
        parts.push(
          `<div class="claim-evidence"><h4>${e(t.evidence)}</h4><ul>${claim.evidence
            .map(
              (x) =>
                `<li><span class="stance stance-${x.stance}">${e(x.stanceLabel)}</span> ${
                  x.itemRef
                    ? `<a class="ref" href="#evidence-${e(x.itemId)}">${e(x.itemRef)}</a> `
                    : ''
                }${e(x.title)}${x.part ? ` <span class="muted">(${e(x.part)})</span>` : ''}</li>`,
            )
            .join('')}</ul></div>`,
        )
    }
    return `<article class="card claim"${id}>${parts.join('\n')}</article>`
  }

  // --- Quotes

  private quotesSection(): string {
    if (this.model.quotes.length === 0) return this.empty(this.text.empty.quotes)
    const t = this.text.quotes
    return [
      `<p class="intro">${e(t.intro)}</p>`,
      ...this.model.quotes.map(
        (group) => `<div class="quote-group">
<h3>${e(group.citation.title)}</h3>
<p class="citation-line">${this.citation(group.citation, false)}</p>
${group.quotes
  .map((q) => {
    const linked = [
      ...q.claims.map((c) => this.claimRef(c)),
      ...q.sources.map((s) =>
        s.ref ? `<a href="#source-${e(s.id)}">${e(s.name)}</a>` : e(s.name),
      ),
      ...q.evidence.map((x) =>
        x.ref ? `<a href="#evidence-${e(x.id)}">${e(x.ref)}</a> ${e(x.title)}` : e(x.title),
      ),
    ]
    return `<figure class="quote quote-${q.kind}" id="quote-${e(q.ref)}">
<blockquote>${e(q.text)}</blockquote>
<figcaption><span class="card-ref">${e(q.ref)}</span> <span class="chip kind-${q.kind}">${e(
      q.kindLabel,
    )}</span>${q.tags.map((tag) => ` <span class="chip">${e(tag.name)}</span>`).join('')}${
      linked.length > 0 ? ` <span class="muted">${e(t.linkedTo)}:</span> ${linked.join(', ')}` : ''
    }${q.comment ? `<span class="comment"><span class="muted">${e(t.comment)}:</span> ${e(q.comment)}</span>` : ''}${
      q.orphaned ? `<span class="orphaned">${e(t.orphaned)}</span>` : ''
    }</figcaption>
</figure>`
  })
  .join('\n')}
</div>`,
      ),
    ].join('\n')
  }

  // --- Evidence

  private evidenceSection(): string {
    if (this.model.evidence.length === 0) return this.empty(this.text.empty.evidence)
    return this.model.evidence.map((item) => this.evidenceCard(item)).join('\n')
  }

  private evidenceCard(item: ReportEvidence): string {
    const t = this.text.evidence
    const kv = (rows: ReadonlyArray<{ label: string; value: string }>) =>
      `<dl class="facts">${rows.map((r) => `<dt>${e(r.label)}</dt><dd>${e(r.value)}</dd>`).join('')}</dl>`
    const fileRows = `<dl class="facts">
<dt>${e(t.originalName)}</dt><dd>${e(item.file.originalName)}</dd>
<dt>${e(t.storage)}</dt><dd>${e(item.file.storageLabel)}</dd>
<dt>${e(t.path)}</dt><dd class="mono">${e(item.file.path)}</dd>
<dt>${e(t.mimeType)}</dt><dd>${e(item.file.mimeType)}</dd>
<dt>${e(t.size)}</dt><dd>${e(item.file.sizeLabel)}</dd>
</dl>`
    const hash = `<p class="file-hash"><span class="muted">${e(t.sha256Recorded)}</span><br><span class="mono hash">${e(item.file.sha256)}</span></p>`
    const parts = [
      `<header class="card-head"><span class="card-ref">${e(item.ref)}</span><span class="chip">${e(
        item.kindLabel,
      )}</span> ${this.badge(item.status)}${
        item.credibility ? ` <span class="grade">${e(item.credibility)}</span>` : ''
      }</header>`,
      `<h3 class="evidence-title">${e(item.title)}</h3>`,
      `<div class="columns"><div><h4>${e(t.file)}</h4>${fileRows}</div>${
        item.metadataRows.length > 0
          ? `<div><h4>${e(t.media)}</h4>${kv(item.metadataRows)}</div>`
          : ''
      }</div>`,
      hash,
    ]
    if (item.provenanceRows.length > 0 || item.provenance.verificationNotes) {
      parts.push(
        `<div class="provenance"><h4>${e(t.provenance)}</h4>${kv(item.provenanceRows)}${
          item.provenance.verificationNotes
            ? `<h5>${e(t.verificationNotes)}</h5>${this.paragraphs(item.provenance.verificationNotes)}`
            : ''
        }</div>`,
      )
    }
    if (item.rationale || item.credibility) {
      parts.push(
        `<div class="rationale"><h4>${e(t.assessment)}</h4>${
          item.credibility
            ? `<p>${e(this.text.claim.credibility)}: <strong>${e(item.credibility)}</strong> – ${e(
                item.credibilityLabel,
              )}</p>`
            : ''
        }${this.paragraphs(item.rationale)}</div>`,
      )
    }
    if (item.claimLinks.length > 0)
      parts.push(
        `<p class="links"><span class="muted">${e(t.claimLinks)}:</span> ${this.claimLinks(item.claimLinks)}</p>`,
      )
    if (item.segments.length > 0) {
      parts.push(
        `<h4>${e(t.segments)}</h4>${this.table(
          columnHeads(this.text).segments,
          item.segments.map((s) => [
            `<span class="mono nowrap">${e(s.timecode)}</span>`,
            e(s.label),
            this.paragraphs(s.note),
            this.claimLinks(s.claimLinks),
          ]),
          'segments',
        )}`,
      )
    }
    if (item.frames.length > 0) {
      parts.push(
        `<h4>${e(t.frames)}</h4><div class="frames">${item.frames
          .map((f) => {
            const caption = this.text.evidence.frameAt(f.timecode)
            const image = f.png
              ? `<img src="data:image/png;base64,${Buffer.from(f.png).toString('base64')}" alt="${e(
                  caption,
                )}" width="${f.width}" height="${f.height}">`
              : `<div class="frame-missing">${e(t.frameMissing)}</div>`
            return `<figure class="frame">${image}<figcaption><strong>${e(caption)}</strong>${
              f.segmentLabel ? ` · ${e(f.segmentLabel)}` : ''
            }${f.note ? `<br>${e(f.note)}` : ''}<br>${halvedHash(f.sha256)}</figcaption></figure>`
          })
          .join('')}</div>`,
      )
    }
    if (item.regions.length > 0) {
      const percent = (n: number) => `${Math.round(n * 100)} %`
      parts.push(
        `<h4>${e(t.regions)}</h4>${this.table(
          columnHeads(this.text).regions,
          item.regions.map((r) => [
            e(r.label),
            `<span class="mono nowrap">${e(`x ${percent(r.box[0])}, y ${percent(r.box[1])}, ${percent(r.box[2])} × ${percent(r.box[3])}`)}</span>`,
            this.paragraphs(r.note),
            this.claimLinks(r.claimLinks),
          ]),
          'regions',
        )}`,
      )
    }
    return `<article class="card evidence" id="evidence-${e(item.id)}">${parts.join('\n')}</article>`
  }

  // --- Sources

  private sourcesSection(): string {
    if (this.model.sources.length === 0) return this.empty(this.text.empty.sources)
    const t = this.text.sources
    return this.table(
      columnHeads(this.text).sources,
      this.model.sources.map((s) => [
        `<span class="card-ref" id="source-${e(s.id)}">${e(s.ref)}</span>`,
        `<strong>${e(s.name)}</strong>${
          s.role || s.organisation
            ? `<br><span class="muted">${e([s.role, s.organisation].filter(Boolean).join(', '))}</span>`
            : ''
        }${s.aliases.length > 0 ? `<br><span class="muted">${e(t.aliases)}: ${e(s.aliases.join(', '))}</span>` : ''}${
          s.description ? `<br>${e(s.description)}` : ''
        }`,
        e(s.kindLabel),
        s.reliability
          ? `<span class="grade">${e(s.reliability)}</span> ${e(s.reliabilityLabel)}`
          : `<span class="muted">${e(s.reliabilityLabel)}</span>`,
        e(s.reliabilityReason),
        s.said.map((c) => this.claimRef(c)).join(', '),
        s.reported.map((c) => this.claimRef(c)).join(', '),
      ]),
      'sources',
    )
  }

  // --- Contradictions

  private contradictionsSection(): string {
    const t = this.text.contradictions
    const pairs =
      this.model.contradictions.length === 0
        ? this.empty(this.text.empty.contradictions)
        : `<p class="intro">${e(t.intro)}</p>\n${this.model.contradictions
            .map(
              (c) => `<div class="contradiction">
<div class="pair">${this.claimCard(c.from, true)}<div class="versus" aria-hidden="true">⚡</div>${this.claimCard(c.to, true)}</div>
<p class="pair-caption">${this.claimRef(c.from)} <strong>${e(t.versus)}</strong> ${this.claimRef(c.to)}${
                c.note ? ` – ${e(c.note)}` : ''
              }</p>
</div>`,
            )
            .join('\n')}`
    const comparison =
      this.model.comparison.length === 0
        ? this.empty(this.text.empty.comparison)
        : `<p class="intro">${e(t.comparisonIntro)}</p>\n${this.model.comparison
            .map((g) =>
              this.table(
                columnHeads(this.text).comparison,
                g.rows.map((row) => [
                  this.claimRef(row.claim),
                  `<strong>${e(row.figure)}</strong><br><span class="muted small">${e(row.claim.statement)}</span>${
                    row.contradicts.length > 0
                      ? `<br><span class="relation relation-contradicts">⚡ ${e(
                          t.contradictsRefs(row.contradicts.map((c) => claimLabel(c)).join(', ')),
                        )}</span>`
                      : ''
                  }`,
                  e(row.sources),
                  row.madeOn
                    ? `<span class="nowrap">${e(this.date(row.madeOn))}</span>`
                    : `<span class="muted">${e(this.text.claim.undated)}</span>`,
                  this.badge(row.status),
                  `<span class="code">${e(row.code)}</span>`,
                  row.reportedIn.map(e).join('<br>'),
                ]),
                'comparison',
                `${t.unit}: ${g.unit}`,
              ),
            )
            .join('\n')}`
    return `${pairs}\n<h3>${e(t.comparison)}</h3>\n${comparison}`
  }

  // --- Method

  private methodSection(): string {
    const t = this.text.method
    const notes = this.model.methodNotes.trim()
      ? this.paragraphs(this.model.methodNotes)
      : this.empty(this.text.empty.notes)
    const scale = (
      caption: string,
      rows: ReadonlyArray<{ grade: string; label: string; meaning: string }>,
    ) =>
      this.table(
        [t.grade, '', t.meaning],
        rows.map((r) => [
          `<span class="grade">${e(r.grade)}</span>`,
          `<strong>${e(r.label)}</strong>`,
          e(r.meaning),
        ]),
        'scale',
        caption,
      )
    const reliability = Object.entries(this.text.reliability).map(([grade, g]) => ({ grade, ...g }))
    const credibility = Object.entries(this.text.credibility).map(([grade, g]) => ({ grade, ...g }))
    return `<h3>${e(t.notes)}</h3>
${notes}
<h3>${e(t.grading)}</h3>
<p>${e(t.gradingText)}</p>
<p>${e(t.independence)}</p>
${scale(t.reliabilityScale, reliability)}
${scale(t.credibilityScale, credibility)}
${this.table(
  [this.text.claim.status, t.meaning],
  this.model.statuses.map((s) => [this.badge(s.status), e(s.meaning)]),
  'scale',
  t.statuses,
)}
${this.table(
  [t.stance, t.meaning],
  Object.entries(this.text.stances).map(([stance, label]) => [
    `<span class="stance stance-${e(stance)}">${e(label)}</span>`,
    e(this.text.stanceMeanings[stance as keyof ReportText['stanceMeanings']]),
  ]),
  'scale',
  t.stances,
)}
<p>${e(t.hashes)}</p>`
  }

  // --- Appendix

  private appendixSection(): string {
    const t = this.text.appendix
    if (this.model.files.length === 0) return this.empty(this.text.empty.files)
    return `<p class="intro">${e(t.intro)}</p>
${this.table(
  [t.kind, t.name, t.sha256, t.size, t.basis],
  this.model.files.map((f) => [
    e(f.kindLabel),
    `${e(f.name)}<br><span class="mono small muted">${e(f.path)}</span>`,
    f.sha256
      ? `<span class="mono hash">${e(f.sha256)}</span>`
      : `<span class="problem">${e(f.problem || t.missing)}</span>`,
    f.size === null ? '' : `<span class="nowrap">${e(this.text.bytes(f.size))}</span>`,
    e(f.basisLabel) +
      (f.problem && f.sha256 ? `<br><span class="problem">${e(f.problem)}</span>` : ''),
  ]),
  'files',
)}`
  }

  // --- Style sheet

  private styles(): string {
    const statusRules = [...this.statusClass.entries()]
      .map(([key, name]) => {
        const [, background, border, color] = key.split('|')
        return `.${name}{background:${safeColor(background)};border-color:${safeColor(border)};color:${safeColor(color)}}`
      })
      .join('\n')
    const footer = `${this.text.generatedWith} · ${this.model.meta.title}`
    return `${BASE_CSS}
@page{size:A4;margin:18mm 16mm 20mm 16mm;@bottom-left{content:${cssString(footer)};font:8pt var(--sans);color:#6b7079}@bottom-right{content:${cssString(this.text.page)} " " counter(page) " / " counter(pages);font:8pt var(--sans);color:#6b7079}}
${statusRules}`
  }
}

/**
 * A hash that wraps, when it must, only at its middle: two lines of 32 hex digits read and
 * compare more easily than a ragged break. `<wbr>` adds no text, so copying still gives the hash.
 */
function halvedHash(sha256: string): string {
  const middle = Math.ceil(sha256.length / 2)
  return `<span class="mono hash halves">${e(sha256.slice(0, middle))}<wbr>${e(sha256.slice(middle))}</span>`
}

/** A colour from the model, checked so nothing but a hex colour reaches the style sheet. */
function safeColor(value: string | undefined): string {
  return value && /^#[0-9a-f]{3,8}$/i.test(value) ? value : '#888888'
}

/** A CSS string literal: quotes and backslashes escaped, and no way to close the style element. */
function cssString(value: string): string {
  const inner = value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')
  return `"${inner}"`
}

const BASE_CSS = `
:root{--sans:"Noto Sans","Liberation Sans","Helvetica Neue",Arial,sans-serif;--serif:"Noto Serif","Liberation Serif",Georgia,"Times New Roman",serif;--mono:"Noto Sans Mono","Liberation Mono","DejaVu Sans Mono",Consolas,monospace;--text:#1f2328;--muted:#5f6670;--rule:#d9d5cc;--soft:#f6f5f2;--accent:#1f5fae}
*{box-sizing:border-box}
html{background:#fff;color:var(--text);font:10.5pt/1.5 var(--sans);-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
.report{max-width:184mm;margin:0 auto;padding:12mm 0 16mm}
@media screen{.report{padding:32px 28px 64px}}
h1,h2,h3,h4,h5{line-height:1.25;break-after:avoid;page-break-after:avoid}
h1{font:700 24pt/1.15 var(--serif);margin:4px 0 14px}
h2{font-size:16pt;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--text)}
h3{font-size:12.5pt;margin:18px 0 8px}
h4{font-size:9pt;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:12px 0 4px}
h5{font-size:9pt;margin:8px 0 2px}
p{margin:0 0 8px}
a{color:var(--accent);text-decoration:none}
abbr{text-decoration:none}
.muted{color:var(--muted)}
.small{font-size:8.5pt}
.nowrap{white-space:nowrap}
.mono{font-family:var(--mono);font-size:8.5pt}
.hash{word-break:break-all;overflow-wrap:anywhere}
.hash.halves{word-break:normal}
.plain{list-style:none;margin:0;padding:0}
.title-block{border-bottom:1px solid var(--rule);padding-bottom:14px;margin-bottom:18px}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:8.5pt;color:var(--muted);margin:0}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}
.meta dt{color:var(--muted)}
.meta dd{margin:0}
.scope-note{margin-top:10px;font-size:9pt;color:var(--muted);font-style:italic}
.toc h2{border:0;font-size:12pt;margin-bottom:6px}
.toc ol{list-style:none;margin:0 0 18px;padding:0;columns:2;column-gap:24px}
.toc li{padding:3px 0;border-bottom:1px dotted var(--rule);display:flex;gap:6px;break-inside:avoid}
.toc a{color:var(--text);flex:1}
.toc-number,.section-number{display:inline-block;min-width:1.6em;color:var(--muted);font-variant-numeric:tabular-nums}
.toc-count{color:var(--muted);font-variant-numeric:tabular-nums}
.warnings{border:1px solid #e6b800;background:#fff8db;padding:8px 12px;margin:0 0 18px;break-inside:avoid}
.warnings h2{font-size:10.5pt;border:0;margin:0 0 4px;padding:0}
.warnings ul{margin:0;padding-left:18px}
.report-section{margin-top:28px}
@media print{.report-section~.report-section{break-before:page;page-break-before:always;margin-top:0}}
.intro{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
table{width:100%;border-collapse:collapse;margin:6px 0 16px;font-size:9pt}
caption{text-align:left;font-weight:700;font-size:9.5pt;padding:0 0 4px}
thead{display:table-header-group}
tr,th,td{break-inside:avoid;page-break-inside:avoid}
caption{break-after:avoid;page-break-after:avoid}
p,li{orphans:3;widows:3}
th{text-align:left;font-size:8pt;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);border-bottom:1.5px solid var(--text);padding:4px 6px}
td{border-bottom:1px solid var(--rule);padding:5px 6px;vertical-align:top}
td p{margin:0 0 4px}
table.overview td:first-child,table.sources td:first-child{white-space:nowrap}
table.overview th:nth-child(2){width:36%}
table.overview th:nth-child(5){width:13%}
table.overview th:nth-child(6){width:24%}
table.files td:nth-child(3){width:36%}
table.scale{break-inside:avoid;page-break-inside:avoid}
.card{border:1px solid var(--rule);border-radius:6px;padding:10px 14px;margin:0 0 12px;break-inside:avoid;page-break-inside:avoid;background:#fff}
.card-head{display:flex;flex-wrap:wrap;align-items:center;gap:8px;font-size:9pt}
.card-ref{font-weight:700;font-variant-numeric:tabular-nums;color:var(--muted)}
.card-date{margin-left:auto;color:var(--muted)}
.statement{font:600 12pt/1.4 var(--serif);margin:6px 0 8px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 6px;font-size:9.5pt}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.badge{display:inline-block;padding:0 8px;border:1px solid transparent;border-radius:999px;font-size:8.5pt;font-weight:600;white-space:nowrap}
.code,.grade{font-family:var(--mono);font-weight:700;font-size:9pt;border:1px solid var(--rule);border-radius:3px;padding:0 4px;background:var(--soft);white-space:nowrap}
.chip{display:inline-block;font-size:8pt;border:1px solid var(--rule);border-radius:3px;padding:0 5px;background:var(--soft)}
.rationale{border-left:3px solid var(--rule);padding-left:10px;margin:6px 0}
.rationale h4{margin-top:4px}
.assessed{font-size:8.5pt}
.citations .quote{margin:6px 0}
.quote{margin:10px 0 12px;break-inside:avoid;page-break-inside:avoid}
blockquote{margin:0;padding:6px 12px;border-left:3px solid #d99a00;background:#fffaf0;font:10.5pt/1.5 var(--serif);white-space:pre-wrap}
.quote-source blockquote{border-left-color:#2f6fd6;background:#f3f7ff}
.quote-evidence blockquote{border-left-color:#2b8a3e;background:#f2fbf3}
.quote-entity blockquote{border-left-color:#7b3fd1;background:#f8f4ff}
.quote-note blockquote{border-left-color:#d9480f;background:#fff5ef}
figcaption{font-size:8.5pt;color:var(--text);margin-top:3px;padding-left:15px}
cite{font-style:normal}
.cite-title{font-style:italic}
.url{word-break:break-all}
.comment,.orphaned{display:block;margin-top:2px}
.orphaned{color:#7f1d14}
.quote-group{margin-bottom:18px}
.quote-group h3{margin-bottom:2px}
.citation-line{font-size:9pt;color:var(--muted)}
.relations ul,.claim-evidence ul{margin:0;padding-left:18px;font-size:9.5pt}
.relation,.stance{font-size:8pt;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.relation-contradicts,.stance-contradicts{color:#b42318}
.relation-corroborates,.stance-supports{color:#2b8a3e}
.stance-context{color:var(--muted)}
.outside{font-style:italic}
.evidence-title{margin:6px 0 4px}
.columns{display:grid;grid-template-columns:3fr 2fr;gap:0 18px}
.file-hash{margin:2px 0 6px;font-size:9.5pt}
.frames{display:grid;grid-template-columns:repeat(2,1fr);gap:10px 16px;margin:4px 0 10px}
.frame{margin:0;break-inside:avoid}
.frame img{display:block;width:100%;height:auto;border:1px solid var(--rule)}
.frame figcaption{padding:0;font-size:8pt}
.frame-missing{border:1px dashed var(--rule);padding:18px 8px;text-align:center;color:var(--muted);font-size:8.5pt}
.card.evidence{break-inside:auto;page-break-inside:auto}
.contradiction{margin:0 0 14px;break-inside:avoid;page-break-inside:avoid}
.pair{display:grid;grid-template-columns:1fr auto 1fr;align-items:stretch;gap:8px}
.pair .card{margin:0}
.versus{align-self:center;font-size:16pt;color:#b42318}
.pair-caption{font-size:9pt;color:var(--muted);margin-top:4px}
.problem{color:#b42318;font-weight:600}
@media screen and (max-width:640px){.report{padding:16px 12px 32px}.columns,.pair{grid-template-columns:1fr}.versus{display:none}.toc ol{columns:1}table{display:block;overflow-x:auto}td,th{padding:4px 3px}.nowrap,.badge{white-space:normal}}\n@media screen and (max-width:400px){.meta,.facts{grid-template-columns:1fr}}
`
