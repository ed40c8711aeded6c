import { parseHTML } from 'linkedom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import { CSV_COLUMNS, renderCsv } from '../../../main/reports/render-csv'
import { renderDocx } from '../../../main/reports/render-docx'
import { renderHtml } from '../../../main/reports/render-html'
import { renderJson } from '../../../main/reports/render-json'
import { renderMarkdown } from '../../../main/reports/render-markdown'
import { buildReportModel, type ReportModel } from '../../../main/reports/report-model'
import type { ReportOptionsInput, ReportSection } from '../../../shared/report-options'
import { parseCsv } from '../../helpers/csv'
import { buildReportProject, type ReportProject, SCRIPT } from './report-project'

const NOW = new Date('2026-03-02T09:30:00Z')
/** Not the default order, so the renderers must follow the options. */
const SECTIONS: ReportSection[] = [
  'claims',
  'contradictions',
  'quotes',
  'evidence',
  'sources',
  'method',
  'appendix',
]
const SECTION_TITLES_EN = [
  'Claims',
  'Contradictions',
  'Quotes',
  'Evidence',
  'Sources',
  'Method',
  'Appendix: files and hashes',
]
const SECTION_TITLES_DE = [
  'Behauptungen',
  'Widersprüche',
  'Zitate',
  'Belege',
  'Quellen',
  'Methode',
  'Anhang: Dateien und Prüfsummen',
]

/** The entries of a ZIP file (a DOCX) by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'))
      const entries = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'))
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.on('end', () => resolve(entries))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}

const xmlText = (xml: string) =>
  xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The paragraphs of word/document.xml with their style and text. */
function docxParagraphs(xml: string): Array<{ style: string; text: string }> {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? m[2] ?? ''
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? ''
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : xmlText(t[1] ?? '')))
      .join('')
    return { style, text }
  })
}

describe('report renderers: HTML, Markdown, CSV, JSON and DOCX content', () => {
  let p: ReportProject
  let model: ReportModel
  /** The annotated passages, read from the article text at their code-point positions. */
  let passages: string[]

  const build = (options: Partial<ReportOptionsInput> = {}) =>
    buildReportModel(
      p.project(),
      {
        title: 'Troops <b>report</b></style>',
        author: 'Mira Analyst',
        sections: SECTIONS,
        methodNotes: 'We compared statements with footage.',
        ...options,
      },
      { now: NOW },
    )

  beforeAll(async () => {
    p = await buildReportProject()
    model = await build()
    passages = []
    for (const article of [p.articles.yonhap, p.articles.pentagon]) {
      const doc = await p.t.call('articles:get', { id: article.id })
      const codePoints = Array.from(doc.text)
      const ordered = [...doc.annotations].sort((a, b) => a.position.start - b.position.start)
      for (const a of ordered)
        passages.push(codePoints.slice(a.position.start, a.position.end).join(''))
    }
  })
  afterAll(() => p.t.close())

  it('HTML: sections in order, exact quotes with citations, nothing runnable or external', () => {
    const html = renderHtml(model)
    const { document } = parseHTML(html)
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    expect(document.querySelector('h1')?.textContent).toBe('Troops <b>report</b></style>')
    const headings = [...document.querySelectorAll('section.report-section > h2')].map((h) =>
      h.textContent.replace(/^\d+\s+/, ''),
    )
    expect(headings).toEqual(SECTION_TITLES_EN)
    const toc = [...document.querySelectorAll('nav.toc li a')].map((a) => a.getAttribute('href'))
    expect(toc).toEqual(SECTIONS.map((s) => `#section-${s}`))

    // Each annotated passage appears as a quote, exactly.
    const quotes = [...document.querySelectorAll('#section-quotes figure.quote')]
    expect(quotes.map((q) => q.querySelector('blockquote')?.textContent)).toEqual(passages)
    expect(passages.some((text) => text.includes(SCRIPT))).toBe(true)
    const groups = [...document.querySelectorAll('#section-quotes .quote-group h3')].map(
      (h) => h.textContent,
    )
    expect(groups).toEqual([p.articles.yonhap.title, p.articles.pentagon.title])
    const citations = [...document.querySelectorAll('#section-quotes .citation-line')].map(
      (c) => c.textContent,
    )
    expect(citations[0]).toContain('Yonhap')
    expect(citations[0]).toContain('18 October 2024')
    expect(citations[0]).toContain('By Kim Min-ji')
    expect(citations[0]).toContain('https://example.org/yonhap/nk-troops?id=1&lang=en')
    expect(citations[1]).toContain('Tagesschau · 24 October 2024')
    // The claim cards quote their mentions too, with the citation.
    const card = document.querySelector(`#claim-${p.claims.nis.id}`)
    expect(card?.querySelector('blockquote')?.textContent).toBe(passages[1])
    expect(card?.querySelector('figcaption')?.textContent).toContain('Yonhap')
    expect(card?.querySelector('.badge')?.textContent).toBe('Verified')
    expect(card?.querySelector('.code')?.textContent).toBe('B2')

    // The article's script is text: escaped in the source, no element made of it.
    expect(document.querySelectorAll('script')).toHaveLength(0)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Troops &lt;b&gt;report&lt;/b&gt;&lt;/style&gt;')
    expect(
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    )
    // Self-contained: one style element, no style attributes, no external resources.
    expect(document.querySelectorAll('style')).toHaveLength(1)
    expect(document.querySelectorAll('[style], link, iframe, object, embed')).toHaveLength(0)
    expect(html).not.toMatch(/@import|url\(/)
    const images = [...document.querySelectorAll('img')]
    expect(images).toHaveLength(1)
    const src = images[0]?.getAttribute('src') ?? ''
    expect(src.startsWith('data:image/png;base64,')).toBe(true)
    expect(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64')).toEqual(p.framePng)
    expect([...document.querySelectorAll('[src]')].map((n) => n.getAttribute('src'))).toEqual([src])
    for (const a of document.querySelectorAll('a[href]')) {
      expect(a.getAttribute('href')).toMatch(/^(#|https:\/\/example\.org\/)/)
    }
    // Hashes in monospace.
    const hashes = [...document.querySelectorAll('.hash')].map((n) => n.textContent)
    expect(hashes).toContain(p.frame.sha256)
    expect(hashes).toContain(p.video.file.sha256)
  })

  it('HTML in German: the fixed text is German, the content as written', async () => {
    const de = renderHtml(await build({ language: 'de' }))
    const { document } = parseHTML(de)
    expect(document.documentElement.getAttribute('lang')).toBe('de')
    const headings = [...document.querySelectorAll('section.report-section > h2')].map((h) =>
      h.textContent.replace(/^\d+\s+/, ''),
    )
    expect(headings).toEqual(SECTION_TITLES_DE)
    expect(document.querySelector('nav.toc h2')?.textContent).toBe('Inhalt')
    expect(document.querySelector(`#claim-${p.claims.nis.id} .badge`)?.textContent).toBe(
      'Bestätigt',
    )
    expect(de).toContain('Wahrscheinlich wahr')
    expect(de).toContain('Erstellt am')
    expect(de).toContain('2. März 2026')
    expect(de).toContain('Tagesschau · 24. Oktober 2024')
    expect(de).toContain('Stützt')
    expect(de).toContain('mindestens 3.000 Soldaten')
    expect(de).not.toContain('Verified')
    expect(de).not.toContain('Probably true')
  })

  it('Markdown: headings in order, quotes exactly (once unescaped), script as text', () => {
    const md = renderMarkdown(model)
    expect(md.startsWith('# Troops \\<b\\>report\\</b\\>\\</style\\>\n')).toBe(true)
    const headings = [...md.matchAll(/^## \d+ (.+)$/gm)].map((m) => m[1])
    expect(headings).toEqual(SECTION_TITLES_EN)
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1')
    const quotesSection = md.slice(md.indexOf('## 3 Quotes'), md.indexOf('## 4 Evidence'))
    const quotes = [...quotesSection.matchAll(/^> (.+)$/gm)].map((m) => unescape(m[1] ?? ''))
    expect(quotes).toEqual(passages)
    expect(md).not.toContain('<script>')
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>')
    expect(md).toContain('https://example.org/yonhap/nk-troops?id=1&lang=en')
    expect(md).toContain(`\`${p.frame.sha256}\``)
    expect(md).toMatch(/^\| C1 \| North Korea has sent 1,500 elite soldiers/m)
  })

  it('CSV: RFC 4180 with BOM and CRLF; one row per claim and per annotation, read back', () => {
    const claimsCsv = renderCsv(model, 'claims')
    expect(claimsCsv.startsWith('\uFEFF')).toBe(true)
    const [head, ...rows] = parseCsv(claimsCsv.slice(1))
    expect(head).toEqual(CSV_COLUMNS.claims)
    const column = (name: string) => CSV_COLUMNS.claims.indexOf(name)
    expect(
      rows.map((r) => [
        r[column('ref')],
        r[column('id')],
        r[column('statement')],
        r[column('status')],
        r[column('code')],
        r[column('made_on')],
      ]),
    ).toEqual(model.claims.map((c) => [c.ref, c.id, c.statement, c.status.id, c.code, c.madeOn]))
    expect(rows[0]?.[column('notes')]).toBe(
      'First public figure.\nLater confirmed by satellite images.',
    )
    expect(rows[0]?.[column('said_by')]).toBe('National Intelligence Service')
    expect(rows[0]?.[column('reported_by')]).toBe('Yonhap')
    expect(rows[0]?.[column('relations')]).toBe('Contradicts C2')
    expect(rows[2]?.[column('status_label')]).toBe('Waiting for reply')

    const annotationsCsv = renderCsv(model, 'annotations')
    const [aHead, ...aRows] = parseCsv(annotationsCsv.slice(1))
    expect(aHead).toEqual(CSV_COLUMNS.annotations)
    const text = CSV_COLUMNS.annotations.indexOf('text')
    expect(aRows.map((r) => r[text])).toEqual(passages)
    expect(aRows[1]?.[CSV_COLUMNS.annotations.indexOf('url')]).toBe(
      'https://example.org/yonhap/nk-troops?id=1&lang=en',
    )
    expect(aRows[3]?.[CSV_COLUMNS.annotations.indexOf('comment')]).toBe(
      'Spokesperson, not the minister.',
    )
  })

  it('JSON: the model without image bytes', () => {
    const json = JSON.parse(renderJson(model)) as ReportModel
    expect(json.version).toBe(1)
    expect(json.claims.map((c) => c.id)).toEqual(model.claims.map((c) => c.id))
    expect(json.evidence[0]?.frames[0]).not.toHaveProperty('png')
    expect(json.evidence[0]?.frames[0]?.sha256).toBe(p.frame.sha256)
    expect(json.quotes.flatMap((g) => g.quotes.map((q) => q.text))).toEqual(passages)
  })

  it('DOCX: headings in order, claims in table cells, exact quotes, the frame as an image', async () => {
    const docx = await renderDocx(model)
    const entries = await unzip(docx)
    const media = [...entries.keys()].filter((name) => name.startsWith('word/media/'))
    expect(media).toHaveLength(1)
    expect(entries.get(media[0] ?? '')).toEqual(p.framePng)
    const xml = entries.get('word/document.xml')?.toString('utf8') ?? ''
    const paragraphs = docxParagraphs(xml)
    expect(paragraphs.find((x) => x.style === 'Title')?.text).toBe('Troops <b>report</b></style>')
    expect(
      paragraphs.filter((x) => x.style === 'Heading1').map((x) => x.text.replace(/^\d+\s+/, '')),
    ).toEqual(SECTION_TITLES_EN)
    // The overview table: one row per claim with its statement in a cell.
    const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) =>
      docxParagraphs(m[1] ?? '')
        .map((x) => x.text)
        .join('\n'),
    )
    for (const claim of model.claims) expect(cells).toContain(claim.statement)
    expect(cells).toContain('B2')
    const quotes = paragraphs.filter((x) => x.style === 'ReportQuote').map((x) => x.text)
    for (const passage of passages) expect(quotes).toContain(passage)
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(paragraphs.some((x) => x.text.includes(`SHA-256 ${p.frame.sha256}`))).toBe(true)
  })
})
