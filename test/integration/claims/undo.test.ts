import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallInput, LinkedAnnotation } from '../../../shared/api'
import type { Annotation, AnnotationKind } from '../../../shared/model/annotation'
import { ArticleDocument } from '../../../shared/model/article'
import { RegistryDocument } from '../../../shared/model/registry'
import { type ArticleInput, HUR, NIS, PENTAGON, rangeOf } from '../../helpers/example-articles'
import { type TestApi, openTestApi } from '../../helpers/test-api'

describe('undo and redo of registry operations (real files in a temp folder)', () => {
  let t: TestApi
  let folder: string
  const texts = new Map<string, string>()

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  async function registryFile(): Promise<RegistryDocument> {
    return RegistryDocument.parse(JSON.parse(await readFile(join(folder, 'registry.json'), 'utf8')))
  }
  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }
  /** registry.json as parsed (every list in its order), and each article's annotations. */
  async function diskState() {
    const annotations: Record<string, Annotation[]> = {}
    for (const id of texts.keys()) annotations[id] = (await articleFile(id)).annotations
    return { registry: await registryFile(), annotations }
  }
  const undo = () => call('history:undo', {})
  const redo = () => call('history:redo', {})

  async function addArticle(article: ArticleInput): Promise<string> {
    const { id } = await call('articles:add', article)
    texts.set(id, article.text)
    return id
  }

  function range(articleId: string, needle: string, nth = 0) {
    const text = texts.get(articleId)
    if (text === undefined) throw new Error('test setup: unknown article')
    return rangeOf(text, needle, nth)
  }

  async function annotate(
    articleId: string,
    needle: string,
    kind: AnnotationKind = 'claim',
    nth = 0,
  ): Promise<Annotation> {
    return call('annotations:create', { articleId, kind, ...range(articleId, needle, nth) })
  }

  async function select(
    articleId: string,
    needle: string,
    link: CallInput<'annotations:createLinked'>['link'],
  ): Promise<LinkedAnnotation> {
    const kind = 'claimId' in link || 'newClaim' in link ? 'claim' : 'source'
    return call('annotations:createLinked', { articleId, kind, ...range(articleId, needle), link })
  }

  const mentionOf = (articleId: string, annotation: Annotation) => ({
    articleId,
    annotationId: annotation.id,
  })

  beforeEach(async () => {
    t = await openTestApi({
      prefix: 'claimdesk-registry-undo-',
      projectName: 'Nordkoreanische Soldaten',
    })
    folder = t.folder
  })
  afterEach(async () => {
    await t.close()
    texts.clear()
  })

  it('every registry operation undoes and redoes to the exact documents, one by one and all together', async () => {
    const pentagonArticle = await addArticle(PENTAGON)
    const nisArticle = await addArticle(NIS)
    const hurArticle = await addArticle(HUR)
    const eliteMention = await annotate(
      nisArticle,
      'North Korea has sent 1,500 elite soldiers to Russia',
    )
    const washington = await annotate(
      hurArticle,
      'Washington had spoken of at least 3,000 soldiers',
    )
    const nisName = await annotate(nisArticle, 'National Intelligence Service', 'source')
    const nisInGerman = await annotate(pentagonArticle, 'NIS', 'source')
    const troops = await call('tags:create', { name: 'Truppenstärke' })
    const soldiers = await call('tags:create', { name: 'Soldaten' })

    /** Ids made by earlier steps. */
    const ids = new Map<string, string>()
    const id = (key: string) => {
      const value = ids.get(key)
      if (value === undefined) throw new Error(`test setup: no ${key} yet`)
      return value
    }
    const keep = (key: string, value: { id: string } | null) => {
      if (!value) throw new Error(`test setup: ${key} was not made`)
      ids.set(key, value.id)
    }

    const steps: Array<[label: string, run: () => Promise<unknown>]> = [
      [
        'sources:create',
        async () =>
          keep(
            'pentagon',
            await call('sources:create', {
              name: 'Pentagon',
              kind: 'government',
              reliability: 'B',
              reliabilityReason: 'Offizielle Angabe, eigene Aufklärung.',
            }),
          ),
      ],
      [
        'sources:create (aliases)',
        async () =>
          keep(
            'nis',
            await call('sources:create', {
              name: 'National Intelligence Service',
              aliases: ['NIS'],
              kind: 'intelligence',
              reliability: 'B',
            }),
          ),
      ],
      [
        'sources:create (agency)',
        async () => keep('yonhap', await call('sources:create', { name: 'Yonhap', kind: 'media' })),
      ],
      [
        'sources:create (duplicate to merge later)',
        async () =>
          keep(
            'nisDuplicate',
            await call('sources:create', {
              name: 'Südkoreanischer Geheimdienst',
              kind: 'intelligence',
              mention: mentionOf(pentagonArticle, nisInGerman),
              reliability: 'C',
            }),
          ),
      ],
      [
        'annotations:createLinked {newSource}',
        async () => keep('hur', (await select(hurArticle, 'HUR', { newSource: true })).source),
      ],
      [
        'annotations:createLinked {newClaim}',
        async () =>
          keep(
            'pentagonClaim',
            (
              await select(
                pentagonArticle,
                'Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat',
                { newClaim: true },
              )
            ).claim,
          ),
      ],
      [
        'claims:create (said by, reported by, mention)',
        async () =>
          keep(
            'nisClaim',
            await call('claims:create', {
              mention: mentionOf(nisArticle, eliteMention),
              saidBy: [id('nisDuplicate')],
              reportedBy: [id('yonhap')],
              madeOn: '2024-10-18',
            }),
          ),
      ],
      [
        'claims:create',
        async () =>
          keep(
            'hurClaim',
            await call('claims:create', {
              statement: 'More than 10,000 troops from North Korea are already in Russia',
              tagIds: [troops.id],
            }),
          ),
      ],
      [
        'claims:create (to delete later)',
        async () =>
          keep(
            'plannedClaim',
            await call('claims:create', { statement: '12,000 were planned by December' }),
          ),
      ],
      [
        'claims:update',
        () =>
          call('claims:update', {
            id: id('pentagonClaim'),
            statement: 'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt',
            saidBy: [id('pentagon')],
            tagIds: [troops.id, soldiers.id],
            notes: 'Sprecherin Singh.',
            quantities: [
              { value: 3000, upper: null, qualifier: 'at-least', unit: 'soldaten', text: '3.000' },
            ],
          }),
      ],
      [
        'claims:update (sources)',
        () => call('claims:update', { id: id('hurClaim'), saidBy: [id('hur')] }),
      ],
      [
        'claims:assess',
        () =>
          call('claims:assess', {
            id: id('pentagonClaim'),
            status: 'in-progress',
            credibility: null,
          }),
      ],
      [
        'claims:assess (again)',
        () =>
          call('claims:assess', {
            id: id('pentagonClaim'),
            status: 'verified',
            credibility: '2',
            rationale: 'Von Seoul gestützt.',
          }),
      ],
      [
        'claims:addMention',
        () =>
          call('claims:addMention', {
            id: id('pentagonClaim'),
            mention: mentionOf(hurArticle, washington),
          }),
      ],
      [
        'annotations:createLinked {claimId}',
        () =>
          select(nisArticle, 'The Pentagon puts the figure at 3,000 soldiers', {
            claimId: id('pentagonClaim'),
          }),
      ],
      [
        'sources:update',
        () =>
          call('sources:update', {
            id: id('nis'),
            organisation: 'Republik Korea',
            aliases: ['NIS', 'Kookjeongwon'],
          }),
      ],
      [
        'sources:linkMention',
        () =>
          call('sources:linkMention', {
            id: id('nis'),
            mention: mentionOf(nisArticle, nisName),
          }),
      ],
      [
        'relations:create (contradicts)',
        async () =>
          keep(
            'contradicts',
            await call('relations:create', {
              type: 'contradicts',
              fromClaimId: id('hurClaim'),
              toClaimId: id('nisClaim'),
              note: '10.000 gegen 1.500',
            }),
          ),
      ],
      [
        'relations:create (corroborates)',
        async () =>
          keep(
            'corroborates',
            await call('relations:create', {
              type: 'corroborates',
              fromClaimId: id('pentagonClaim'),
              toClaimId: id('nisClaim'),
            }),
          ),
      ],
      [
        'relations:create (refines)',
        () =>
          call('relations:create', {
            type: 'refines',
            fromClaimId: id('plannedClaim'),
            toClaimId: id('hurClaim'),
          }),
      ],
      [
        'statuses:create',
        async () =>
          keep(
            'status',
            await call('statuses:create', { label: 'Wartet auf Antwort', color: '#1971c2' }),
          ),
      ],
      [
        'claims:assess (custom status)',
        () => call('claims:assess', { id: id('hurClaim'), status: id('status'), credibility: '4' }),
      ],
      [
        'statuses:delete (re-assesses)',
        () => call('statuses:delete', { id: id('status'), replaceWith: 'inconclusive' }),
      ],
      [
        'sources:merge',
        () => call('sources:merge', { sourceId: id('nisDuplicate'), targetId: id('nis') }),
      ],
      [
        'sources:unlinkMention',
        () =>
          call('sources:unlinkMention', {
            id: id('nis'),
            mention: mentionOf(nisArticle, nisName),
          }),
      ],
      [
        "sources:delete 'unlink'",
        () => call('sources:delete', { id: id('yonhap'), claims: 'unlink' }),
      ],
      [
        'sources:delete {reassignTo}',
        () => call('sources:delete', { id: id('hur'), claims: { reassignTo: id('nis') } }),
      ],
      ['relations:delete', () => call('relations:delete', { id: id('corroborates') })],
      [
        'claims:removeMention',
        () =>
          call('claims:removeMention', {
            id: id('pentagonClaim'),
            mention: mentionOf(hurArticle, washington),
          }),
      ],
      [
        'claims:delete (with its relation)',
        () => call('claims:delete', { id: id('plannedClaim') }),
      ],
      [
        'annotations:delete (a mention)',
        () => call('annotations:delete', { articleId: nisArticle, id: eliteMention.id }),
      ],
      [
        'tags:merge (claims’ tags)',
        () => call('tags:merge', { sourceId: troops.id, targetId: soldiers.id }),
      ],
      ['claims:delete', () => call('claims:delete', { id: id('pentagonClaim') })],
      [
        "sources:delete 'refuse' (uncited)",
        () => call('sources:delete', { id: id('pentagon'), claims: 'refuse' }),
      ],
    ]

    const states = [await diskState()]
    for (const [label, run] of steps) {
      const before = states.at(-1)
      await run()
      const after = await diskState()
      expect(after, `${label} changed nothing`).not.toEqual(before)
      await undo()
      expect(await diskState(), `undo of ${label}`).toEqual(before)
      await redo()
      expect(await diskState(), `redo of ${label}`).toEqual(after)
      states.push(after)
    }
    expect((await call('registry:get', {})).problems).toEqual([])

    // All the way back, then all the way forward again.
    for (let i = steps.length - 1; i >= 0; i--) {
      await undo()
      expect(await diskState(), `undo back to before ${steps[i]?.[0]}`).toEqual(states[i])
      expect((await call('registry:get', {})).problems).toEqual([])
    }
    for (let i = 1; i <= steps.length; i++) {
      await redo()
      expect(await diskState(), `redo of ${steps[i - 1]?.[0]}`).toEqual(states[i])
    }
    expect((await call('history:state', {})).canRedo).toBe(false)
  })

  it('deleting a claim with relations spread through the list: undo puts each back in its place', async () => {
    const a = await call('claims:create', { statement: 'Mindestens 3.000 Soldaten im Oktober' })
    const b = await call('claims:create', { statement: '1,500 elite soldiers' })
    const c = await call('claims:create', { statement: 'More than 10,000 troops' })
    const d = await call('claims:create', { statement: '12,000 planned by December' })
    await call('relations:create', { type: 'corroborates', fromClaimId: a.id, toClaimId: b.id })
    await call('relations:create', { type: 'contradicts', fromClaimId: b.id, toClaimId: c.id })
    await call('relations:create', { type: 'contradicts', fromClaimId: a.id, toClaimId: c.id })
    await call('relations:create', { type: 'refines', fromClaimId: d.id, toClaimId: c.id })
    await call('relations:create', { type: 'same-as', fromClaimId: d.id, toClaimId: a.id })
    await call('relations:create', { type: 'contradicts', fromClaimId: d.id, toClaimId: b.id })
    const before = await registryFile()

    await call('claims:delete', { id: a.id })
    const after = await registryFile()
    expect(after.relations.map((r) => [r.fromClaimId, r.toClaimId])).toEqual([
      [b.id, c.id],
      [d.id, c.id],
      [d.id, b.id],
    ])
    expect(after.claims.map((x) => x.id)).toEqual([b.id, c.id, d.id])

    await undo()
    expect(await registryFile()).toEqual(before)
    await redo()
    expect(await registryFile()).toEqual(after)
  })

  it('a new registry action after undo clears redo; undo labels name the actions', async () => {
    const nis = await call('sources:create', { name: 'NIS' })
    expect((await call('history:state', {})).undoLabel).toBe('Create source “NIS”')
    await call('sources:update', { id: nis.id, reliability: 'B' })
    expect((await call('history:state', {})).undoLabel).toBe('Edit source “NIS”')
    const state = await undo()
    expect(state).toMatchObject({ canRedo: true, redoLabel: 'Edit source “NIS”' })
    await call('claims:create', { statement: 'North Korea has sent 1,500 elite soldiers' })
    expect(await call('history:state', {})).toMatchObject({
      canRedo: false,
      undoLabel: 'Create claim',
    })
    expect((await registryFile()).sources).toEqual([nis])
  })
})
