import { createHash } from 'node:crypto'
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildReportModel, type ReportModel } from '../../../main/reports/report-model'
import type { ReportFilter, ReportOptionsInput } from '../../../shared/report-options'
import { AppFailure } from '../../../shared/result'
import { buildReportProject, type ReportProject, SCRIPT, YONHAP_CLAIM } from './report-project'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const NOW = new Date('2026-03-02T09:30:00Z')

describe('report model: selection, quotes, grades, hashes (project built through the main API)', () => {
  let p: ReportProject
  let all: ReportModel
  const build = (options: Partial<ReportOptionsInput> = {}) =>
    buildReportModel(p.project(), { title: 'Troops report', ...options }, { now: NOW })

  beforeAll(async () => {
    p = await buildReportProject()
    all = await build()
  })
  afterAll(() => p.t.close())

  it('lists every claim by the date made (undated last) with its Admiralty code and status', () => {
    expect(all.claims.map((c) => [c.ref, c.id, c.code, c.status.label])).toEqual([
      ['C1', p.claims.nis.id, 'B2', 'Verified'],
      ['C2', p.claims.pentagon.id, 'A3', 'Inconclusive'],
      ['C3', p.claims.sanctions.id, '––', 'Waiting for reply'],
    ])
    const [nis] = all.claims
    expect(nis).toMatchObject({
      statement: YONHAP_CLAIM,
      madeOn: '2024-10-18',
      credibility: '2',
      credibilityLabel: 'Probably true',
      reliability: 'B',
      rationale: 'Matches satellite images of Wonsan airfield.',
      assessedBy: 'Mira Analyst',
      saidBy: [{ id: p.sources.nis.id, name: 'National Intelligence Service', reliability: 'B' }],
      reportedBy: [{ id: p.sources.yonhap.id, name: 'Yonhap', reliability: 'C' }],
      tags: [{ id: p.tags.troops.id, name: 'Troops' }],
      // "alert(1)" holds a figure too: the report shows what the claim editor recognised.
      figures: [
        { text: '1,500 elite soldiers', formatted: '1,500 soldiers' },
        { text: '1', formatted: '1' },
      ],
      relations: [{ role: 'contradicts', other: { ref: 'C2' }, note: '3,000 against 1,500' }],
      evidence: [
        { itemRef: 'E1', stance: 'supports', part: '0:00.500–0:01.500 (trucks board the plane)' },
      ],
    })
    expect(all.claims[2]?.status).toMatchObject({ background: '#6a3d9a', text: '#ffffff' })
    expect(all.meta).toMatchObject({
      title: 'Troops report',
      projectName: 'Nordkoreanische Soldaten',
      generatedAt: NOW.toISOString(),
      filtered: false,
      filterSummary: [],
      claimCount: 3,
      totalClaims: 3,
    })
    expect(all.warnings).toEqual([])
  })

  it('quotes the annotated text exactly, at its code-point position, with the article cited', async () => {
    expect(all.quotes.map((g) => g.citation.title)).toEqual([
      p.articles.yonhap.title,
      p.articles.pentagon.title,
    ])
    const [yonhap, pentagon] = all.quotes
    expect(yonhap?.citation).toEqual({
      articleId: p.articles.yonhap.id,
      title: p.articles.yonhap.title,
      outlet: 'Yonhap',
      authors: ['Kim Min-ji'],
      publishedAt: '2024-10-18',
      retrievedAt: '2024-10-19',
      url: 'https://example.org/yonhap/nk-troops?id=1&lang=en',
    })
    for (const group of all.quotes) {
      const doc = await p.t.call('articles:get', { id: group.citation.articleId })
      const codePoints = Array.from(doc.text)
      expect(group.quotes.length).toBe(doc.annotations.length)
      for (const quote of group.quotes) {
        const annotation = doc.annotations.find((a) => a.id === quote.annotationId)
        expect(quote.text).toBe(codePoints.slice(quote.start, quote.end).join(''))
        expect(quote.text).toBe(annotation?.quote.exact)
      }
    }
    expect(yonhap?.quotes.map((q) => [q.ref, q.kind, q.text])).toEqual([
      ['Q1', 'source', 'National Intelligence Service (NIS)'],
      ['Q2', 'claim', YONHAP_CLAIM],
    ])
    expect(yonhap?.quotes[1]?.text).toContain(SCRIPT)
    expect(pentagon?.quotes.map((q) => [q.ref, q.kind, q.comment])).toEqual([
      ['Q3', 'claim', ''],
      ['Q4', 'note', 'Spokesperson, not the minister.'],
    ])
    expect(all.claims[0]?.citations).toEqual([
      { quoteRef: 'Q2', text: YONHAP_CLAIM, citation: yonhap?.citation },
    ])
  })

  it('carries contradictions side by side and compares the figures of one quantity', () => {
    expect(all.contradictions).toHaveLength(1)
    expect(all.contradictions[0]).toMatchObject({
      note: '3,000 against 1,500',
      from: { ref: 'C2', code: 'A3' },
      to: { ref: 'C1', code: 'B2' },
    })
    expect(all.comparison).toHaveLength(1)
    expect(all.comparison[0]?.key).toBe('troops')
    expect(
      all.comparison[0]?.rows.map((r) => [
        r.claim.ref,
        r.figure,
        r.sources,
        r.contradicts.map((c) => c.ref),
      ]),
    ).toEqual([
      ['C1', '1,500 soldiers', 'National Intelligence Service', ['C2']],
      ['C2', 'at least 3,000 Soldaten', 'Pentagon', ['C1']],
    ])
    expect(all.comparison[0]?.rows[0]?.reportedIn).toEqual(['Yonhap, 18 October 2024'])
  })

  it('hashes article files on disk and carries the recorded hashes of evidence and frames', async () => {
    const folder = p.project().folder
    const articleHash = async (id: string) =>
      sha256(await readFile(join(folder, 'articles', `${id}.json`)))
    expect(all.files.map((f) => [f.kind, f.path, f.sha256, f.basis])).toEqual([
      [
        'article',
        `articles/${p.articles.yonhap.id}.json`,
        await articleHash(p.articles.yonhap.id),
        'computed',
      ],
      [
        'article',
        `articles/${p.articles.pentagon.id}.json`,
        await articleHash(p.articles.pentagon.id),
        'computed',
      ],
      ['evidence', p.video.file.path, p.video.file.sha256, 'recorded'],
      ['frame', p.frame.path, p.frame.sha256, 'recorded'],
      [
        'registry',
        'registry.json',
        sha256(await readFile(join(folder, 'registry.json'))),
        'computed',
      ],
    ])
    expect(p.frame.sha256).toBe(sha256(p.framePng))
    const [video] = all.evidence
    expect(video).toMatchObject({
      ref: 'E1',
      title: 'Convoy at Wonsan airfield',
      claimLinks: [{ claim: { ref: 'C2' }, stance: 'context' }],
      segments: [{ timecode: '0:00.500–0:01.500', claimLinks: [{ claim: { ref: 'C1' } }] }],
      frames: [{ timecode: '0:01.000', segmentLabel: 'trucks board the plane', hashMatches: true }],
      provenance: { platform: 'Telegram', publisher: { name: 'Yonhap' } },
    })
    expect(Buffer.from(video?.frames[0]?.png ?? [])).toEqual(p.framePng)
  })

  it('lists sources by name with their grades and the claims they made or passed on', () => {
    expect(
      all.sources.map((s) => [
        s.ref,
        s.name,
        s.reliability,
        s.said.map((c) => c.ref),
        s.reported.map((c) => c.ref),
      ]),
    ).toEqual([
      ['S1', 'National Intelligence Service', 'B', ['C1'], []],
      ['S2', 'Pentagon', 'A', ['C2'], []],
      ['S3', 'Yonhap', 'C', [], ['C1']],
    ])
  })

  it('selects claims by status, tag (with the tags below it), source, article and date', async () => {
    const refsFor = async (filter: Partial<ReportFilter>) =>
      (await build({ filter })).claims.map((c) => c.id)
    const { nis, pentagon, sanctions } = p.claims
    expect(await refsFor({ statuses: ['verified'] })).toEqual([nis.id])
    expect(await refsFor({ statuses: ['inconclusive', p.status.id] })).toEqual([
      pentagon.id,
      sanctions.id,
    ])
    expect(await refsFor({ tagIds: [p.tags.military.id] })).toEqual([nis.id, pentagon.id])
    expect(await refsFor({ tagIds: [p.tags.troops.id] })).toEqual([nis.id])
    expect(await refsFor({ sourceIds: [p.sources.yonhap.id] })).toEqual([nis.id])
    expect(await refsFor({ sourceIds: [p.sources.pentagon.id, p.sources.nis.id] })).toEqual([
      nis.id,
      pentagon.id,
    ])
    expect(await refsFor({ articleIds: [p.articles.pentagon.id] })).toEqual([pentagon.id])
    expect(await refsFor({ dateFrom: '2024-10-20' })).toEqual([pentagon.id])
    expect(await refsFor({ dateTo: '2024-10-20' })).toEqual([nis.id])
    expect(await refsFor({ dateFrom: '2024-10-18', dateTo: '2024-10-23' })).toEqual([
      nis.id,
      pentagon.id,
    ])
    expect(await refsFor({ statuses: ['verified'], articleIds: [p.articles.pentagon.id] })).toEqual(
      [],
    )
  })

  it('a filtered report keeps what bears on the selected claims and says how it was filtered', async () => {
    const model = await build({ filter: { statuses: ['verified'], dateFrom: '2024-10-01' } })
    expect(model.meta.filtered).toBe(true)
    expect(model.meta.filterSummary).toEqual([
      { label: 'Status', value: 'Verified' },
      { label: 'Date made', value: 'from 1 October 2024 (claims without a date are left out)' },
    ])
    expect(model.meta).toMatchObject({ claimCount: 1, totalClaims: 3 })
    // Quotes from the article that mentions the claim: the claim and its source's mention.
    expect(
      model.quotes.map((g) => [g.citation.articleId, g.quotes.map((q) => q.annotationId)]),
    ).toEqual([[p.articles.yonhap.id, [p.annotations.nisSource.id, p.annotations.yonhapClaim.id]]])
    expect(model.evidence.map((e) => e.id)).toEqual([p.video.id])
    expect(model.sources.map((s) => s.name)).toEqual(['National Intelligence Service', 'Yonhap'])
    // The contradiction with the unselected claim is shown with it, without a number.
    expect(model.contradictions[0]).toMatchObject({
      from: { id: p.claims.pentagon.id, ref: null, inSelection: false },
      to: { ref: 'C1' },
    })
    expect(model.comparison).toEqual([])
    expect(model.files.map((f) => f.kind)).toEqual(['article', 'evidence', 'frame', 'registry'])
  })

  it('a missing frame is reported, listed as missing and not embedded', async () => {
    const file = join(p.project().folder, p.frame.path)
    await rename(file, `${file}.gone`)
    try {
      const model = await build()
      expect(model.warnings).toEqual([
        `A captured frame of “Convoy at Wonsan airfield” is missing: ${p.frame.path}.`,
      ])
      expect(model.evidence[0]?.frames[0]).toMatchObject({ png: null, hashMatches: null })
      expect(model.files.find((f) => f.kind === 'frame')).toMatchObject({
        sha256: p.frame.sha256,
        size: null,
        problem: 'missing',
      })
    } finally {
      await rename(`${file}.gone`, file)
    }
  })

  it('refuses options that are not valid, naming the field', async () => {
    const error = await buildReportModel(p.project(), {
      title: ' ',
      filter: { dateFrom: '2024-10-20', dateTo: '2024-10-01' },
    } as ReportOptionsInput).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe('invalid-input')
    expect((error as AppFailure).message).toMatch(/title: the report needs a title/)
    expect((error as AppFailure).message).toMatch(/filter\.dateTo/)
  })
})
