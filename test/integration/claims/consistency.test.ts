import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LinkedAnnotation } from '../../../shared/api'
import { HUR, NIS, PENTAGON } from '../../helpers/example-articles'
import { registryWorkbench } from '../../helpers/registry-workbench'
import { type TestApi, openTestApi } from '../../helpers/test-api'

describe('claims and sources stay consistent with annotations, tags and articles', () => {
  let t: TestApi

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  const {
    registryBytes,
    registryFile,
    articleBytes,
    problems,
    addArticle,
    range,
    annotate,
    select,
    claimOf,
    mentionOf,
  } = registryWorkbench(() => t)

  beforeEach(async () => {
    t = await openTestApi({
      prefix: 'claimdesk-consistency-',
      projectName: 'Nordkoreanische Soldaten',
    })
  })
  afterEach(() => t.close())

  function sourceOf(linked: LinkedAnnotation) {
    if (!linked.source) throw new Error('expected a source')
    return linked.source
  }
  const undo = () => call('history:undo', {})
  const redo = () => call('history:redo', {})
  const annotationIds = async (articleId: string) =>
    (await call('articles:get', { id: articleId })).annotations.map((a) => a.id)

  describe('deleting an annotation', () => {
    it('removes it from the claims and sources it is a mention of; undo restores both', async () => {
      const nisArticle = await addArticle(NIS)
      const pentagonArticle = await addArticle(PENTAGON)
      const elite = await select(
        nisArticle,
        'North Korea has sent 1,500 elite soldiers to Russia',
        {
          newClaim: true,
        },
      )
      const claim = claimOf(elite)
      const named = await select(nisArticle, 'National Intelligence Service', { newSource: true })
      const source = sourceOf(named)
      const german = await annotate(
        pentagonArticle,
        'NIS hatte zuvor von 1.500 Elitesoldaten gesprochen',
      )
      await call('claims:addMention', { id: claim.id, mention: mentionOf(pentagonArticle, german) })
      await call('sources:linkMention', {
        id: source.id,
        mention: mentionOf(pentagonArticle, german),
      })
      const before = await registryFile()
      const articleBefore = await call('articles:get', { id: pentagonArticle })

      // One annotation, a mention of both a claim and a source.
      await call('annotations:delete', { articleId: pentagonArticle, id: german.id })
      const after = await registryFile()
      expect(after.claims).toEqual([
        expect.objectContaining({
          id: claim.id,
          mentions: [mentionOf(nisArticle, elite.annotation)],
        }),
      ])
      expect(after.sources).toEqual([
        expect.objectContaining({
          id: source.id,
          mentions: [mentionOf(nisArticle, named.annotation)],
        }),
      ])
      expect(await annotationIds(pentagonArticle)).toEqual([])
      expect(await problems()).toEqual([])
      expect((await call('history:state', {})).undoLabel).toBe('Delete annotation')

      await undo()
      expect(await registryFile()).toEqual(before)
      expect(await call('articles:get', { id: pentagonArticle })).toMatchObject({
        annotations: articleBefore.annotations,
      })
      expect(await problems()).toEqual([])
      await redo()
      expect(await registryFile()).toEqual(after)
      expect(await annotationIds(pentagonArticle)).toEqual([])

      // The claim's first mention goes the same way.
      await call('annotations:delete', { articleId: nisArticle, id: elite.annotation.id })
      expect((await registryFile()).claims[0]?.mentions).toEqual([])
      expect((await registryFile()).sources[0]?.mentions).toEqual([
        mentionOf(nisArticle, named.annotation),
      ])
      expect(await problems()).toEqual([])
      await undo()
      expect(await registryFile()).toEqual(after)
      expect(await problems()).toEqual([])
    })

    it('undo takes back the claim made from an annotation before the annotation itself', async () => {
      const article = await addArticle(HUR)
      const mention = await annotate(article, 'more than 10,000 troops')
      const claim = await call('claims:create', {
        statement: 'Mehr als 10.000 nordkoreanische Soldaten sind bereits in Russland',
        mention: mentionOf(article, mention),
      })
      // Undo walks back: first the claim, then the annotation; nothing dangles at any step.
      await undo()
      expect((await registryFile()).claims).toEqual([])
      await undo()
      expect(await annotationIds(article)).toEqual([])
      expect(await problems()).toEqual([])
      await redo()
      await redo()
      expect((await registryFile()).claims).toEqual([claim])
      expect(await problems()).toEqual([])
    })
  })

  describe('tags', () => {
    it('tags:merge moves claims to the target tag, without duplicates; undo restores', async () => {
      const troops = await call('tags:create', { name: 'Truppen' })
      const soldiers = await call('tags:create', { name: 'Soldaten' })
      const russia = await call('tags:create', { name: 'Russland' })
      const a = await call('claims:create', {
        statement: 'Mindestens 3.000 Soldaten',
        tagIds: [troops.id, russia.id],
      })
      const b = await call('claims:create', {
        statement: 'Mehr als 10.000 Soldaten',
        tagIds: [soldiers.id, troops.id],
      })
      const c = await call('claims:create', {
        statement: '1.500 Elitesoldaten',
        tagIds: [russia.id],
      })
      const before = await registryFile()
      await call('tags:merge', { sourceId: troops.id, targetId: soldiers.id })
      const file = await registryFile()
      const tagsOf = (id: string) => file.claims.find((x) => x.id === id)?.tagIds
      expect(tagsOf(a.id)).toEqual([soldiers.id, russia.id])
      expect(tagsOf(b.id)).toEqual([soldiers.id])
      expect(file.claims.find((x) => x.id === c.id)).toEqual(c)
      expect(await problems()).toEqual([])
      await undo()
      expect(await registryFile()).toEqual(before)
    })

    it("tags:delete 'untag' and {reassignTo} update claims' tags", async () => {
      const troops = await call('tags:create', { name: 'Truppen' })
      const soldiers = await call('tags:create', { name: 'Soldaten' })
      const russia = await call('tags:create', { name: 'Russland' })
      const a = await call('claims:create', {
        statement: 'Mindestens 3.000 Soldaten',
        tagIds: [troops.id, russia.id],
      })
      const b = await call('claims:create', {
        statement: 'Mehr als 10.000 Soldaten',
        tagIds: [soldiers.id, troops.id],
      })
      await call('tags:delete', { id: russia.id, annotations: 'untag' })
      let file = await registryFile()
      expect(file.claims.map((x) => x.tagIds)).toEqual([[troops.id], [soldiers.id, troops.id]])
      await call('tags:delete', { id: troops.id, annotations: { reassignTo: soldiers.id } })
      file = await registryFile()
      expect(file.claims.map((x) => [x.id, x.tagIds])).toEqual([
        [a.id, [soldiers.id]],
        [b.id, [soldiers.id]],
      ])
      expect(await problems()).toEqual([])
    })

    it("tags:delete 'delete-annotations' drops those annotations’ mentions and the claims’ tag", async () => {
      const article = await addArticle(HUR)
      const doubtful = await call('tags:create', { name: 'Zweifelhaft' })
      const tagged = await call('annotations:createLinked', {
        articleId: article,
        kind: 'claim',
        ...range(article, 'more than 10,000 troops from North Korea are already in Russia'),
        tagIds: [doubtful.id],
        link: { newClaim: true },
      })
      const claim = claimOf(tagged)
      expect(claim.tagIds).toEqual([doubtful.id])
      const plain = await select(article, '12,000 were planned by December', { claimId: claim.id })
      const hur = await call('sources:create', { name: 'HUR', kind: 'intelligence' })
      await call('sources:linkMention', {
        id: hur.id,
        mention: mentionOf(article, tagged.annotation),
      })
      const before = await registryFile()

      await call('tags:delete', { id: doubtful.id, annotations: 'delete-annotations' })
      const file = await registryFile()
      expect(file.claims).toEqual([
        expect.objectContaining({
          id: claim.id,
          tagIds: [],
          mentions: [mentionOf(article, plain.annotation)],
        }),
      ])
      expect(file.sources).toEqual([expect.objectContaining({ id: hur.id, mentions: [] })])
      expect(await annotationIds(article)).toEqual([plain.annotation.id])
      expect(await problems()).toEqual([])
      await undo()
      expect(await registryFile()).toEqual(before)
      expect(await problems()).toEqual([])
    })
  })

  describe('deleting an article', () => {
    async function setup() {
      const pentagon = await addArticle(PENTAGON)
      const hur = await addArticle(HUR)
      const first = await select(pentagon, 'mindestens 3.000 Soldaten', { newClaim: true })
      const claim = claimOf(first)
      const second = await select(hur, 'at least 3,000 soldiers', { claimId: claim.id })
      const pentagonSource = sourceOf(await select(pentagon, 'Pentagon', { newSource: true }))
      const fromHur = await annotate(hur, 'Washington', 'source')
      await call('sources:linkMention', {
        id: pentagonSource.id,
        mention: mentionOf(hur, fromHur),
      })
      const hurClaim = await call('claims:create', {
        statement: 'Mehr als 10.000 Soldaten',
        mention: mentionOf(hur, await annotate(hur, 'more than 10,000 troops')),
      })
      return { pentagon, hur, first, second, claim, pentagonSource, fromHur, hurClaim }
    }

    it('drops the mentions into that article and keeps the others', async () => {
      const { pentagon, hur, first, claim, pentagonSource, hurClaim } = await setup()
      const pentagonMention = pentagonSource.mentions[0]
      await call('articles:delete', { id: hur })
      const file = await registryFile()
      expect(file.claims.map((c) => [c.id, c.mentions])).toEqual([
        [claim.id, [mentionOf(pentagon, first.annotation)]],
        [hurClaim.id, []],
      ])
      expect(file.sources.map((s) => [s.id, s.mentions])).toEqual([
        [pentagonSource.id, [pentagonMention]],
      ])
      expect(JSON.stringify(file)).not.toContain(hur)
      expect(await problems()).toEqual([])
    })

    it('undo afterwards never brings back mentions of the deleted article', async () => {
      const { hur, claim, pentagonSource, hurClaim } = await setup()
      // Registry-only steps after the article's annotations were made.
      await call('claims:update', { id: hurClaim.id, notes: 'HUR-Angabe, nicht bestätigt.' })
      await call('claims:assess', { id: claim.id, status: 'in-progress', credibility: '3' })
      await call('sources:update', { id: pentagonSource.id, kind: 'government' })
      await call('articles:delete', { id: hur })
      expect(await problems()).toEqual([])
      for (let step = 0; (await call('history:state', {})).canUndo && step < 50; step++) {
        await undo()
        expect(await problems(), `after undo #${step + 1}`).toEqual([])
        expect(JSON.stringify(await registryFile())).not.toContain(hur)
      }
      for (let step = 0; (await call('history:state', {})).canRedo && step < 50; step++) {
        await redo()
        expect(await problems(), `after redo #${step + 1}`).toEqual([])
        expect(JSON.stringify(await registryFile())).not.toContain(hur)
      }
    })
  })

  describe('annotations:createLinked {newSource}', () => {
    it('reuses a source whose name or alias equals the quote, case aside', async () => {
      const nisArticle = await addArticle(NIS)
      const pentagonArticle = await addArticle(PENTAGON)
      const nis = await call('sources:create', {
        name: 'National Intelligence Service',
        aliases: ['NIS'],
        kind: 'intelligence',
        reliability: 'B',
      })
      const byName = await select(nisArticle, 'National Intelligence Service', { newSource: true })
      expect(sourceOf(byName)).toMatchObject({
        id: nis.id,
        kind: 'intelligence',
        reliability: 'B',
        mentions: [mentionOf(nisArticle, byName.annotation)],
      })
      expect(byName.claim).toBeNull()
      expect(byName.annotation.kind).toBe('source')
      const byAlias = await select(pentagonArticle, 'NIS', { newSource: true })
      expect(sourceOf(byAlias).id).toBe(nis.id)
      await call('sources:update', { id: nis.id, aliases: ['nis'] })
      const byAliasOtherCase = await select(nisArticle, 'NIS', { newSource: true }, 1)
      expect(sourceOf(byAliasOtherCase).id).toBe(nis.id)
      const file = await registryFile()
      expect(file.sources).toHaveLength(1)
      expect(file.sources[0]?.mentions).toEqual([
        mentionOf(nisArticle, byName.annotation),
        mentionOf(pentagonArticle, byAlias.annotation),
        mentionOf(nisArticle, byAliasOtherCase.annotation),
      ])

      // A quote no source is called makes a new source named after it.
      const yonhap = await select(nisArticle, 'Yonhap', { newSource: true })
      expect(sourceOf(yonhap)).toMatchObject({
        name: 'Yonhap',
        kind: 'other',
        reliability: null,
        mentions: [mentionOf(nisArticle, yonhap.annotation)],
      })
      expect((await registryFile()).sources.map((s) => s.name)).toEqual([
        'National Intelligence Service',
        'Yonhap',
      ])
      expect(await problems()).toEqual([])

      // Undo of a reuse takes back the mention and the annotation, and keeps the source.
      await undo()
      await undo()
      expect(await registryFile()).toMatchObject({
        sources: [{ id: nis.id, mentions: file.sources[0]?.mentions.slice(0, 2) }],
      })
      expect(await annotationIds(nisArticle)).toEqual([byName.annotation.id])
      expect(await problems()).toEqual([])
    })

    it('{sourceId} links to the given source; an unknown one is refused and leaves nothing', async () => {
      const article = await addArticle(HUR)
      const hur = await call('sources:create', { name: 'Militärgeheimdienst der Ukraine' })
      const linked = await select(article, 'HUR', { sourceId: hur.id })
      expect(sourceOf(linked)).toMatchObject({
        id: hur.id,
        name: 'Militärgeheimdienst der Ukraine',
        mentions: [mentionOf(article, linked.annotation)],
      })
      const registryBefore = await registryBytes()
      const articleBefore = await articleBytes(article)
      const error = await refuse('annotations:createLinked', {
        articleId: article,
        kind: 'source',
        ...range(article, 'Kyrylo Budanov'),
        link: { sourceId: 'ghost-source' },
      })
      expect(error.code).toBe('not-found')
      expect(await registryBytes()).toBe(registryBefore)
      expect(await articleBytes(article)).toBe(articleBefore)
    })
  })
})
