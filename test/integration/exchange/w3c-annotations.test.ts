import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  exportW3cAnnotations,
  importW3cAnnotationFile,
  importW3cAnnotations,
  type W3cAnnotation,
  type W3cAnnotationCollection,
  w3cAnnotationCollection,
} from '../../../main/exchange/w3c-annotations'
import { AppFailure } from '../../../shared/result'
import {
  addExchangeArticles,
  buildExchangeProject,
  EXCHANGE_ANNOTATIONS,
  EXCHANGE_ARTICLES,
  type ExchangeAnnotation,
  type ExchangeProject,
  exchangeRange,
} from '../../helpers/exchange-project'
import { mediaFixture } from '../../helpers/media-fixtures'
import { openTestApi, type TestApi } from '../../helpers/test-api'
import { describeFailures, SuiteTest } from './w3c-suite'

interface Selector {
  type: string
  [key: string]: unknown
}
interface Target {
  source: string
  selector: Selector | Selector[]
}
interface Body {
  type: string
  purpose?: string
  value?: string
  source?: string
}

const selectorsOf = (a: W3cAnnotation) => [(a.target as Target).selector].flat()
const bodiesOf = (a: W3cAnnotation) => (a.body ?? []) as Body[]
const selector = (a: W3cAnnotation, type: string) => selectorsOf(a).find((s) => s.type === type)

describe('W3C Web Annotation export and import', () => {
  let x: ExchangeProject
  let file: string
  let collection: W3cAnnotationCollection
  let items: W3cAnnotation[]
  const byId = (id: string) => items.find((a) => a.id === `urn:uuid:${id}`)
  const exported = (key: ExchangeAnnotation) => {
    const found = byId(x.annotations[key].id)
    if (!found) throw new Error(`${key} was not exported`)
    return found
  }

  beforeAll(async () => {
    x = await buildExchangeProject()
    file = join(x.t.dir.path, 'annotations.jsonld')
    const summary = await exportW3cAnnotations(x.project(), file)
    collection = JSON.parse(await readFile(file, 'utf8')) as W3cAnnotationCollection
    items = collection.first?.items ?? []
    expect(summary).toMatchObject({ annotations: items.length, orphans: 0 })
  })
  afterAll(() => x.close())

  it('exports every annotation so that it passes the suite’s annotationMusts, and the collection and page their musts', () => {
    // 7 text annotations and the video segment.
    expect(items).toHaveLength(8)
    const annotationMusts = SuiteTest.load('annotations/annotationMusts.test')
    const report = items
      .map((a, i) => describeFailures(`item ${i} ${a.id}`, annotationMusts.check(a)))
      .filter(Boolean)
    const { first, ...collectionOnly } = collection
    report.push(
      describeFailures(
        'collection',
        SuiteTest.load('collections/collectionMusts.test').check(collection),
      ),
      describeFailures(
        'page',
        SuiteTest.load('collections/pages/pageMusts.test').check({
          '@context': collectionOnly['@context'],
          ...first,
        }),
      ),
    )
    expect(report.filter(Boolean).join('\n')).toBe('')
  })

  it('the suite rejects a broken annotation, so the check above can fail', () => {
    const broken = { ...exported('germanClaim'), id: 'not a uri', created: 'yesterday' }
    const failures = SuiteTest.load('annotations/annotationMusts.test').check(broken)
    expect(failures.map((f) => f.assertion).sort()).toEqual([
      'annotations/3.1-annotationIdValidated.json',
      'annotations/3.3.1-annotationCreatedValidated.json',
    ])
  })

  it('counts positions in code points: after the emoji they select the exact quote', () => {
    const text = EXCHANGE_ARTICLES.emoji.text
    for (const key of ['emojiClaim', 'emojiEvidence', 'emojiNote'] as const) {
      const a = exported(key)
      const position = selector(a, 'TextPositionSelector')
      expect(position).toEqual({ type: 'TextPositionSelector', ...exchangeRange(key) })
      const { start, end } = position as unknown as { start: number; end: number }
      expect(Array.from(text).slice(start, end).join('')).toBe(EXCHANGE_ANNOTATIONS[key].exact)
      // The same numbers as UTF-16 offsets miss the quote: the emoji shift it.
      expect(text.slice(start, end)).not.toBe(EXCHANGE_ANNOTATIONS[key].exact)
      expect(selector(a, 'TextQuoteSelector')).toMatchObject({
        exact: EXCHANGE_ANNOTATIONS[key].exact,
      })
    }
  })

  it('targets the article’s web address or its urn:uuid, and carries kind, tags and comment', () => {
    const claim = exported('germanClaim')
    expect(claim.motivation).toBe('assessing')
    expect((claim.target as Target).source).toBe(EXCHANGE_ARTICLES.german.url)
    expect(bodiesOf(claim)).toEqual(
      expect.arrayContaining([
        { type: 'TextualBody', purpose: 'tagging', value: 'Brücken' },
        {
          type: 'TextualBody',
          purpose: 'commenting',
          value: EXCHANGE_ANNOTATIONS.germanClaim.comment,
          format: 'text/plain',
        },
        {
          type: 'SpecificResource',
          purpose: 'linking',
          source: `urn:uuid:${x.claims.closure.id}`,
        },
      ]),
    )
    expect(bodiesOf(claim).find((b) => b.purpose === 'assessing')?.value).toMatch(/^Verified: /)
    const note = exported('emojiNote')
    expect(note.motivation).toBe('commenting')
    expect((note.target as Target).source).toBe(`urn:uuid:${x.articles.emoji.id}`)
    expect(exported('germanSource').motivation).toBe('identifying')
    expect(exported('germanEntity').motivation).toBe('classifying')
    expect(exported('emojiEvidence').motivation).toBe('linking')
    expect(bodiesOf(exported('emojiEvidence'))).toContainEqual({
      type: 'SpecificResource',
      purpose: 'linking',
      source: `urn:sha256:${x.evidence.item.file.sha256}`,
    })
  })

  it('exports the video segment as a media fragment t=1,2 on the file’s hash, linked to its claim', () => {
    const segment = byId(x.evidence.segment.id)
    expect(segment?.target).toEqual({
      source: `urn:sha256:${x.evidence.item.file.sha256}`,
      selector: {
        type: 'FragmentSelector',
        conformsTo: 'http://www.w3.org/TR/media-frags/',
        value: 't=1,2',
      },
    })
    expect(segment?.motivation).toBe('linking')
    expect(bodiesOf(segment as W3cAnnotation)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'describing', value: 'Absperrgitter sichtbar' }),
        { type: 'SpecificResource', purpose: 'linking', source: `urn:uuid:${x.claims.closure.id}` },
      ]),
    )
  })

  it('exports an image region as xywh=percent covering it, and an item’s own claim links', async () => {
    const report = await x.t.call('evidence:add', {
      taskId: 'w3c-image',
      files: [{ path: await mediaFixture('photo.jpg') }],
    })
    const image = report.added[0]
    if (!image) throw new Error(`adding photo.jpg failed: ${JSON.stringify(report.failed)}`)
    const region = await x.t.call('evidence:addRegion', {
      itemId: image.id,
      ...{ x: 0.125, y: 0.5, width: 0.25, height: 0.333 },
      label: 'Schild',
    })
    await x.t.call('evidence:update', {
      id: image.id,
      claimLinks: [{ claimId: x.claims.traffic.id, stance: 'contradicts' }],
    })
    const all = (await w3cAnnotationCollection(x.project())).first?.items ?? []
    const exportedRegion = all.find((a) => a.id === `urn:uuid:${region.id}`)
    expect(exportedRegion?.target).toEqual({
      source: `urn:sha256:${image.file.sha256}`,
      selector: {
        type: 'FragmentSelector',
        conformsTo: 'http://www.w3.org/TR/media-frags/',
        value: 'xywh=percent:12,50,26,34',
      },
    })
    const itemLinks = all.find(
      (a) => a.target === `urn:sha256:${image.file.sha256}` && a.motivation === 'linking',
    )
    expect(bodiesOf(itemLinks as W3cAnnotation)).toContainEqual(
      expect.objectContaining({
        purpose: 'assessing',
        value: `Contradicts the claim: ${x.claims.traffic.statement}`,
      }),
    )
    const musts = SuiteTest.load('annotations/annotationMusts.test')
    const failures = [exportedRegion, itemLinks].map((a, i) =>
      describeFailures(`new ${i}`, musts.check(a)),
    )
    expect(failures.filter(Boolean).join('\n')).toBe('')
  })

  describe('import', () => {
    let fresh: TestApi
    beforeAll(async () => {
      fresh = await openTestApi({ prefix: 'claimdesk-w3c-import-' })
    })
    afterAll(() => fresh.close())

    /** Imported annotations of an article with their tag names, in text order. */
    async function imported(articleId: string) {
      const tags = await fresh.call('tags:list', {})
      const { annotations } = await fresh.call('articles:get', { id: articleId })
      return annotations
        .sort((a, b) => a.position.start - b.position.start)
        .map((a) => ({
          kind: a.kind,
          exact: a.quote.exact,
          position: a.position,
          tags: a.tagIds.map((id) => tags.find((t) => t.id === id)?.name).sort(),
          comment: a.comment,
        }))
    }

    function expected(article: 'german' | 'emoji', shift = 0) {
      const names = { infrastructure: 'Infrastruktur', bridges: 'Brücken', figures: 'Zahlen' }
      return (Object.keys(EXCHANGE_ANNOTATIONS) as ExchangeAnnotation[])
        .filter((key) => EXCHANGE_ANNOTATIONS[key].article === article)
        .map((key) => {
          const spec = EXCHANGE_ANNOTATIONS[key]
          const { start, end } = exchangeRange(key)
          return {
            kind: spec.kind,
            exact: spec.exact,
            position: { start: start + shift, end: end + shift },
            tags: spec.tags.map((t) => names[t]).sort(),
            comment: spec.comment,
          }
        })
        .sort((a, b) => a.position.start - b.position.start)
    }

    it('re-anchors every text annotation on a fresh copy of the articles, in one undo step', async () => {
      const articles = await addExchangeArticles(fresh)
      const report = await importW3cAnnotations(
        fresh.api.workspace.project(),
        await readFile(file, 'utf8'),
      )
      expect(report).toMatchObject({ found: 8, anchored: 7, exact: 7, moved: 0, fuzzy: 0 })
      expect(report.tagsCreated.sort()).toEqual(['Brücken', 'Infrastruktur', 'Zahlen'])
      expect(report.skipped).toEqual([
        {
          annotation: `annotation 8 (urn:uuid:${x.evidence.segment.id})`,
          reason: 'it marks part of an image or video; only text annotations are imported',
        },
      ])
      expect(await imported(articles.german.id)).toEqual(expected('german'))
      // Found without a web address: by the quote, the only article that contains it.
      expect(await imported(articles.emoji.id)).toEqual(expected('emoji'))

      // Importing again adds nothing: the articles already have these annotations.
      const again = await importW3cAnnotations(fresh.api.workspace.project(), collection)
      expect(again.anchored).toBe(0)
      expect(again.skipped.filter((s) => /already has/.test(s.reason))).toHaveLength(7)

      await fresh.call('history:undo', {})
      expect(await imported(articles.german.id)).toEqual([])
      expect(await imported(articles.emoji.id)).toEqual([])
    })

    it('anchors by quote on an edited article', async () => {
      const { id } = await fresh.call('articles:add', EXCHANGE_ARTICLES.emoji)
      const added = 'Update 14:05 – the city confirmed. '
      await fresh.call('articles:updateText', { id, text: added + EXCHANGE_ARTICLES.emoji.text })
      const report = await importW3cAnnotations(fresh.api.workspace.project(), collection, {
        articleId: id,
      })
      expect(report).toMatchObject({ anchored: 3, exact: 0, moved: 3 })
      expect(await imported(id)).toEqual(expected('emoji', Array.from(added).length))
    })

    it('refuses a malformed file with an error that names the annotation, importing nothing', async () => {
      const project = fresh.api.workspace.project()
      const before = await fresh.call('annotations:list', {})
      await expect(importW3cAnnotations(project, '{"type": "Annotation", ')).rejects.toThrow(
        /^The file is not JSON \(.+\)\. Choose a W3C Web Annotation file/,
      )
      const [good] = items
      const broken = { ...items[1], target: undefined }
      const error = await importW3cAnnotations(project, [good, broken]).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppFailure)
      expect((error as AppFailure).code).toBe('import-rejected')
      expect((error as AppFailure).message).toBe(
        `The file is not valid W3C Web Annotation JSON: annotation 2 (${items[1]?.id}): it has no target. Nothing was imported.`,
      )
      const notJson = join(fresh.dir.path, 'notes.jsonld')
      await writeFile(notJson, 'Meeting notes, not JSON')
      await expect(importW3cAnnotationFile(project, notJson)).rejects.toThrow(
        `${notJson}: The file is not JSON (`,
      )
      await expect(importW3cAnnotations(project, { type: 'Dataset' })).rejects.toThrow(
        /its top-level type is Dataset/,
      )
      expect(await fresh.call('annotations:list', {})).toEqual(before)
    })
  })
})
