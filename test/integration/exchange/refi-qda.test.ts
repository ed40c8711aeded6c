import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ZipFile } from 'yazl'
import { KIND_CODES, KINDS_FOLDER, refiGuid } from '../../../main/exchange/refi-qda'
import { exportQdc, exportQdpx } from '../../../main/exchange/refi-qda-export'
import { importQdpx, QDPX_LIMITS } from '../../../main/exchange/refi-qda-import'
import { attributeOf, childrenOf, parseXml, type XmlReadElement } from '../../../main/exchange/xml'
import {
  buildExchangeProject,
  EXCHANGE_ANNOTATIONS,
  EXCHANGE_ARTICLES,
  type ExchangeAnnotation,
  type ExchangeProject,
  exchangeRange,
} from '../../helpers/exchange-project'
import { openTestApi, type TestApi } from '../../helpers/test-api'
import { STANDARDS_DIR } from './w3c-suite'

const run = promisify(execFile)
const REFI = join(STANDARDS_DIR, 'refi-qda')
const PROJECT_XSD = join(REFI, 'Project.xsd')
const CODEBOOK_XSD = join(REFI, 'Codebook.xsd')
const MINIMAL = join(REFI, 'minimal-example')

/** xmllint's verdict on `command`'s output (or a file) against a schema. */
async function xmllint(schema: string, input: { file: string } | { qdpx: string }) {
  const script =
    'file' in input
      ? 'xmllint --noout --schema "$1" "$2"'
      : 'unzip -p "$2" project.qde | xmllint --noout --schema "$1" -'
  try {
    const { stderr } = await run('bash', [
      '-o',
      'pipefail',
      '-c',
      script,
      'xmllint',
      schema,
      'file' in input ? input.file : input.qdpx,
    ])
    return { ok: true, stderr }
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr) }
  }
}

async function unzipText(qdpx: string, entry: string): Promise<string> {
  return (await run('unzip', ['-p', qdpx, entry], { encoding: 'utf8' })).stdout
}

async function unzipList(qdpx: string): Promise<string[]> {
  const { stdout } = await run('unzip', ['-Z1', qdpx], { encoding: 'utf8' })
  return stdout.split('\n').filter(Boolean).sort()
}

/** Every element below `root` with this local name. */
function all(root: XmlReadElement, name: string): XmlReadElement[] {
  const found: XmlReadElement[] = []
  const walk = (el: XmlReadElement) => {
    for (const child of childrenOf(el)) {
      if (child.localName === name) found.push(child)
      walk(child)
    }
  }
  walk(root)
  return found
}

const byGuid = (root: XmlReadElement, name: string, guid: string) =>
  all(root, name).find((el) => attributeOf(el, 'guid') === guid)

describe('REFI-QDA export and import', () => {
  let x: ExchangeProject
  let qdpx: string
  let qde: XmlReadElement

  beforeAll(async () => {
    x = await buildExchangeProject()
    qdpx = join(x.t.dir.path, 'out.qdpx')
    const summary = await exportQdpx(x.project(), qdpx)
    expect(summary).toMatchObject({
      textSources: 2,
      textSelections: 7,
      videoSources: 1,
      videoSelections: 1,
      mediaIncluded: 0,
      notes: 5,
      skipped: [],
    })
    const root = parseXml(await unzipText(qdpx, 'project.qde'))
    if (!root) throw new Error('project.qde has no root')
    qde = root
  })
  afterAll(() => x.close())

  it('writes a project.qde that Project.xsd accepts, and xmllint does reject an invalid one', async () => {
    expect(await xmllint(PROJECT_XSD, { qdpx })).toEqual({ ok: true, stderr: '- validates\n' })
    const invalid = await xmllint(PROJECT_XSD, {
      file: join(MINIMAL, 'invalid-missing-isCodable.qde'),
    })
    expect(invalid.ok).toBe(false)
    expect(invalid.stderr).toMatch(/The attribute 'isCodable' is required but missing/)
  })

  it('puts each article as UTF-8 text under sources/, named by GUID', async () => {
    const german = refiGuid(x.articles.german.id)
    const emoji = refiGuid(x.articles.emoji.id)
    expect(await unzipList(qdpx)).toEqual(
      ['project.qde', 'sources/', `sources/${german}.txt`, `sources/${emoji}.txt`].sort(),
    )
    expect(await unzipText(qdpx, `sources/${german}.txt`)).toBe(EXCHANGE_ARTICLES.german.text)
    expect(await unzipText(qdpx, `sources/${emoji}.txt`)).toBe(EXCHANGE_ARTICLES.emoji.text)
    expect(attributeOf(byGuid(qde, 'TextSource', emoji) as XmlReadElement, 'plainTextPath')).toBe(
      `internal://${emoji}.txt`,
    )
  })

  it('counts selections in code points (end exclusive) and codes them with tags and kind', () => {
    const text = EXCHANGE_ARTICLES.emoji.text
    for (const key of ['emojiClaim', 'emojiEvidence', 'emojiNote'] as const) {
      const selection = byGuid(qde, 'PlainTextSelection', refiGuid(x.annotations[key].id))
      if (!selection) throw new Error(`${key} was not exported`)
      const start = Number(attributeOf(selection, 'startPosition'))
      const end = Number(attributeOf(selection, 'endPosition'))
      expect({ start, end }).toEqual(exchangeRange(key))
      expect(Array.from(text).slice(start, end).join('')).toBe(EXCHANGE_ANNOTATIONS[key].exact)
      expect(text.slice(start, end)).not.toBe(EXCHANGE_ANNOTATIONS[key].exact)
    }
    const claim = byGuid(qde, 'PlainTextSelection', refiGuid(x.annotations.emojiClaim.id))
    const codes = all(claim as XmlReadElement, 'CodeRef').map((r) => attributeOf(r, 'targetGUID'))
    expect(codes.sort()).toEqual(
      [refiGuid(x.tags.bridges.id), refiGuid(x.tags.figures.id), KIND_CODES.claim.guid].sort(),
    )
    const noteRef = all(claim as XmlReadElement, 'NoteRef')[0]
    const note = byGuid(qde, 'Note', attributeOf(noteRef as XmlReadElement, 'targetGUID') ?? '')
    expect(note?.textContent?.trim()).toBe(EXCHANGE_ANNOTATIONS.emojiClaim.comment)
  })

  it('writes the codebook as nested codes with colours, and video segments in milliseconds', () => {
    const infrastructure = byGuid(qde, 'Code', refiGuid(x.tags.infrastructure.id))
    expect(
      childrenOf(infrastructure as XmlReadElement, 'Code').map((c) => [
        attributeOf(c, 'name'),
        attributeOf(c, 'color'),
        attributeOf(c, 'isCodable'),
      ]),
    ).toEqual([['Brücken', '#2F9E44', 'true']])
    const kinds = byGuid(qde, 'Code', KINDS_FOLDER.guid) as XmlReadElement
    expect(attributeOf(kinds, 'isCodable')).toBe('false')
    expect(childrenOf(kinds, 'Code').map((c) => attributeOf(c, 'name'))).toEqual([
      'Claim',
      'Source',
      'Evidence',
      'Entity',
      'Note',
    ])
    const video = byGuid(qde, 'VideoSource', refiGuid(x.evidence.item.id)) as XmlReadElement
    expect(attributeOf(video, 'path')).toMatch(/^absolute:\/\/\/.+\.mp4$/)
    const [selection] = childrenOf(video, 'VideoSelection')
    expect([
      attributeOf(selection as XmlReadElement, 'begin'),
      attributeOf(selection as XmlReadElement, 'end'),
    ]).toEqual(['1000', '2000'])
  })

  it('copies the video into the .qdpx when asked', async () => {
    const withMedia = join(x.t.dir.path, 'with-media.qdpx')
    const summary = await exportQdpx(x.project(), withMedia, { includeMedia: true })
    expect(summary.mediaIncluded).toBe(1)
    const name = `sources/${refiGuid(x.evidence.item.id)}.mp4`
    expect(await unzipList(withMedia)).toContain(name)
    const bytes = (await run('unzip', ['-p', withMedia, name], { encoding: 'buffer' })).stdout
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(x.evidence.item.file.sha256)
    expect(await xmllint(PROJECT_XSD, { qdpx: withMedia })).toMatchObject({ ok: true })
  })

  it('writes a .qdc that Codebook.xsd accepts', async () => {
    const qdc = join(x.t.dir.path, 'codebook.qdc')
    expect(await exportQdc(x.project(), qdc)).toEqual({ file: qdc, codes: 9 })
    expect(await xmllint(CODEBOOK_XSD, { file: qdc })).toEqual({
      ok: true,
      stderr: `${qdc} validates\n`,
    })
  })

  describe('import', () => {
    let fresh: TestApi
    beforeAll(async () => {
      fresh = await openTestApi({ prefix: 'claimdesk-qdpx-import-' })
    })
    afterAll(() => fresh.close())

    const tagPath = async (id: string) => {
      const tags = await fresh.call('tags:list', {})
      const names: string[] = []
      for (
        let tag = tags.find((t) => t.id === id);
        tag;
        tag = tags.find((t) => t.id === tag?.parentId)
      ) {
        names.unshift(tag.name)
      }
      return names.join(' › ')
    }

    it('imports minimal.qdpx written by another tool: source, codes, coding, note', async () => {
      const report = await importQdpx(fresh.api.workspace.project(), join(MINIMAL, 'minimal.qdpx'))
      expect(report).toMatchObject({ tagsCreated: 3, tagsReused: 0, annotations: 1, comments: 1 })
      expect(report.skipped).toEqual([
        { item: '1 VideoSource', reason: 'only text sources are imported' },
      ])
      const [summary] = report.articles
      const article = await fresh.call('articles:get', { id: summary?.id ?? '' })
      expect(article.title).toBe('article-1')
      expect(article.text).toBe(
        'Breaking — The mayor said the bridge 🌉 was closed on 3 May, citing engineers.',
      )
      const [annotation] = article.annotations
      expect(annotation).toMatchObject({
        kind: 'claim',
        quote: { exact: 'was closed on 3 May' },
        position: { start: 39, end: 58 },
        comment: 'Check against city press release.',
      })
      expect(await Promise.all((annotation?.tagIds ?? []).map(tagPath))).toEqual([
        'Claims › Factual claim',
      ])
      const tags = await fresh.call('tags:list', {})
      expect(tags.map((t) => [t.name, t.color]).sort()).toEqual([
        ['Claims', '#1f77b4'],
        ['Factual claim', '#ff7f0e'],
        ['Video evidence', '#2ca02c'],
      ])
    })

    it('round-trips its own export: articles, codebook, annotations and comments', async () => {
      const report = await importQdpx(fresh.api.workspace.project(), qdpx)
      expect(report).toMatchObject({ tagsCreated: 3, annotations: 7, comments: 4 })
      expect(report.skipped).toEqual([
        { item: '1 VideoSource', reason: 'only text sources are imported' },
      ])
      const [german, emoji] = report.articles
      expect(german).toMatchObject({
        title: EXCHANGE_ARTICLES.german.title,
        url: EXCHANGE_ARTICLES.german.url,
        outlet: EXCHANGE_ARTICLES.german.outlet,
        authors: EXCHANGE_ARTICLES.german.authors,
        publishedAt: EXCHANGE_ARTICLES.german.publishedAt,
        language: 'de',
      })
      expect(emoji).toMatchObject({ title: EXCHANGE_ARTICLES.emoji.title, url: '' })
      const names = {
        infrastructure: 'Infrastruktur',
        bridges: 'Infrastruktur › Brücken',
        figures: 'Zahlen',
      }
      for (const summary of [german, emoji]) {
        const which = summary === german ? 'german' : 'emoji'
        const article = await fresh.call('articles:get', { id: summary?.id ?? '' })
        expect(article.text).toBe(EXCHANGE_ARTICLES[which].text)
        const got = await Promise.all(
          article.annotations.map(async (a) => ({
            kind: a.kind,
            exact: a.quote.exact,
            position: a.position,
            comment: a.comment,
            tags: (await Promise.all(a.tagIds.map(tagPath))).sort(),
          })),
        )
        const want = (Object.keys(EXCHANGE_ANNOTATIONS) as ExchangeAnnotation[])
          .filter((k) => EXCHANGE_ANNOTATIONS[k].article === which)
          .map((k) => ({
            kind: EXCHANGE_ANNOTATIONS[k].kind,
            exact: EXCHANGE_ANNOTATIONS[k].exact,
            position: exchangeRange(k),
            comment: EXCHANGE_ANNOTATIONS[k].comment,
            tags: EXCHANGE_ANNOTATIONS[k].tags.map((t) => names[t]).sort(),
          }))
        const order = (a: { position: { start: number } }, b: { position: { start: number } }) =>
          a.position.start - b.position.start
        expect(got.sort(order)).toEqual(want.sort(order))
      }
      // Every annotation of the import is one undo step.
      await fresh.call('history:undo', {})
      for (const summary of [german, emoji]) {
        expect((await fresh.call('articles:get', { id: summary?.id ?? '' })).annotations).toEqual(
          [],
        )
      }
    })

    it('refuses a .qdpx with an unsafe path or an oversized file, importing nothing', async () => {
      const before = (await fresh.call('articles:list', {})).length
      const zip = new ZipFile()
      zip.addBuffer(Buffer.from('<Project name="x"/>'), 'project.qde')
      zip.addBuffer(Buffer.from('text'), 'sources/ev.txt')
      zip.end()
      const chunks: Buffer[] = []
      for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk)
      // Same length, so the archive stays consistent: only the name is hostile.
      const hostile = Buffer.from(
        Buffer.concat(chunks).toString('latin1').replaceAll('sources/ev.txt', '../../evil.txt'),
        'latin1',
      )
      const file = join(fresh.dir.path, 'hostile.qdpx')
      await writeFile(file, hostile)
      await expect(importQdpx(fresh.api.workspace.project(), file)).rejects.toThrow(
        /hostile\.qdpx cannot be imported: .*unsafe.*\.\.\/\.\.\/evil\.txt/,
      )

      const limit = QDPX_LIMITS.qdeBytes
      QDPX_LIMITS.qdeBytes = 1000
      try {
        await expect(importQdpx(fresh.api.workspace.project(), qdpx)).rejects.toThrow(
          /out\.qdpx cannot be imported: project\.qde is larger than/,
        )
      } finally {
        QDPX_LIMITS.qdeBytes = limit
      }
      const notZip = join(fresh.dir.path, 'not-a-zip.qdpx')
      await writeFile(notZip, await readFile(join(MINIMAL, 'qdpx/project.qde')))
      await expect(importQdpx(fresh.api.workspace.project(), notZip)).rejects.toThrow(
        /not-a-zip\.qdpx cannot be imported: it is not a ZIP archive/,
      )
      expect(await fresh.call('articles:list', {})).toHaveLength(before)
    })
  })
})
