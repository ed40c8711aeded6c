import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../../shared/model/annotation'
import { RELIABILITY_GRADES } from '../../../shared/model/grading'
import { RegistryDocument } from '../../../shared/model/registry'
import { SOURCE_KINDS, type Source } from '../../../shared/model/source'
import { type ArticleInput, HUR, NIS, PENTAGON, rangeOf } from '../../helpers/example-articles'
import { type TestApi, openTestApi } from '../../helpers/test-api'

describe('sources through the main API (real files in a temp folder)', () => {
  let t: TestApi
  let folder: string
  const texts = new Map<string, string>()

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  const registryPath = () => join(folder, 'registry.json')
  const registryBytes = () => readFile(registryPath(), 'utf8')
  async function registryFile(): Promise<RegistryDocument> {
    return RegistryDocument.parse(JSON.parse(await registryBytes()))
  }
  async function problems() {
    return (await call('registry:get', {})).problems
  }

  async function addArticle(article: ArticleInput): Promise<string> {
    const { id } = await call('articles:add', article)
    texts.set(id, article.text)
    return id
  }

  async function annotate(articleId: string, needle: string, nth = 0): Promise<Annotation> {
    const text = texts.get(articleId)
    if (text === undefined) throw new Error('test setup: unknown article')
    return call('annotations:create', { articleId, kind: 'source', ...rangeOf(text, needle, nth) })
  }

  const mentionOf = (articleId: string, annotation: Annotation) => ({
    articleId,
    annotationId: annotation.id,
  })

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-sources-', projectName: 'Nordkoreanische Soldaten' })
    folder = t.folder
  })
  afterEach(() => t.close())

  describe('sources:create', () => {
    it('stores every field, in registry.json, with defaults for what was left out', async () => {
      const nis = await call('sources:create', {
        name: '  National Intelligence Service  ',
        aliases: ['NIS', 'NIS', ' Kookjeongwon '],
        kind: 'intelligence',
        organisation: 'Republic of Korea',
        description: 'South Korea’s foreign intelligence agency.',
        reliability: 'B',
        reliabilityReason: 'Usually right on North Korean troop movements; political incentives.',
      })
      expect(nis).toMatchObject({
        name: 'National Intelligence Service',
        aliases: ['NIS', 'Kookjeongwon'],
        kind: 'intelligence',
        role: '',
        organisation: 'Republic of Korea',
        reliability: 'B',
        reliabilityReason: 'Usually right on North Korean troop movements; political incentives.',
        mentions: [],
      })
      expect(nis.createdAt).toBe(nis.updatedAt)

      const bare = await call('sources:create', { name: 'Yonhap' })
      expect(bare).toMatchObject({
        name: 'Yonhap',
        aliases: [],
        kind: 'other',
        role: '',
        organisation: '',
        description: '',
        reliability: null,
        reliabilityReason: '',
        mentions: [],
      })

      const file = await registryFile()
      expect(file.sources).toEqual([nis, bare])
      expect(file.claims).toEqual([])
      expect(await problems()).toEqual([])
    })

    it('accepts every kind and every reliability grade A–F, and refuses others', async () => {
      for (const [i, kind] of SOURCE_KINDS.entries()) {
        const grade = RELIABILITY_GRADES[i % RELIABILITY_GRADES.length] ?? 'F'
        const created = await call('sources:create', {
          name: `Source ${kind}`,
          kind,
          reliability: grade,
          reliabilityReason: `graded ${grade}`,
        })
        expect(created).toMatchObject({ kind, reliability: grade })
      }
      for (const grade of RELIABILITY_GRADES) {
        const created = await call('sources:create', {
          name: `Graded ${grade}`,
          reliability: grade,
        })
        expect(created.reliability).toBe(grade)
      }
      const before = await registryBytes()
      const badKind = await refuse('sources:create', { name: 'X', kind: 'spy' })
      expect(badKind.code).toBe('invalid-input')
      expect(badKind.details).toMatchObject({ fields: ['kind'] })
      const badGrade = await refuse('sources:create', { name: 'X', reliability: 'G' })
      expect(badGrade.details).toMatchObject({ fields: ['reliability'] })
      const numericGrade = await refuse('sources:create', { name: 'X', reliability: '2' })
      expect(numericGrade.code).toBe('invalid-input')
      const noName = await refuse('sources:create', { name: '   ' })
      expect(noName.code).toBe('invalid-input')
      const nothing = await refuse('sources:create', {})
      expect(nothing).toMatchObject({ code: 'invalid-input', details: { field: 'name' } })
      expect(await registryBytes()).toBe(before)
      expect((await registryFile()).sources).toHaveLength(
        SOURCE_KINDS.length + RELIABILITY_GRADES.length,
      )
    })

    it('refuses a second source of the same name (case, spacing and Unicode form aside)', async () => {
      const hur = await call('sources:create', {
        name: 'Militärgeheimdienst HUR',
        kind: 'intelligence',
      })
      const before = await registryBytes()
      for (const name of [
        'Militärgeheimdienst HUR',
        'militärgeheimdienst hur',
        '  MILITÄRGEHEIMDIENST HUR ',
        'Milita\u0308rgeheimdienst HUR',
      ]) {
        const error = await refuse('sources:create', { name })
        expect(error.code).toBe('invalid-input')
        expect(error.message).toContain('Militärgeheimdienst HUR')
        expect(error.details).toMatchObject({ field: 'name', existingId: hur.id })
      }
      expect(await registryBytes()).toBe(before)
    })

    it('creates a source from a mention: named after the quote, with the mention linked', async () => {
      const article = await addArticle(PENTAGON)
      const pentagon = await annotate(article, 'Pentagon')
      const singh = await annotate(article, 'Sabrina Singh')

      const fromQuote = await call('sources:create', {
        mention: mentionOf(article, pentagon),
        kind: 'government',
      })
      expect(fromQuote).toMatchObject({
        name: 'Pentagon',
        kind: 'government',
        mentions: [{ articleId: article, annotationId: pentagon.id }],
      })
      const named = await call('sources:create', {
        name: 'Sabrina Singh',
        mention: mentionOf(article, singh),
        kind: 'person',
        role: 'Pentagon spokesperson',
        organisation: 'US Department of Defense',
      })
      expect(named.mentions).toEqual([mentionOf(article, singh)])
      expect((await registryFile()).sources).toEqual([fromQuote, named])

      // The quote of an annotation already named as a source clashes like a typed name.
      const again = await annotate(article, 'Pentagon', 1)
      const clash = await refuse('sources:create', { mention: mentionOf(article, again) })
      expect(clash.details).toMatchObject({ field: 'name', existingId: fromQuote.id })
      expect(await problems()).toEqual([])
    })

    it('refuses a mention of an annotation or article that does not exist', async () => {
      const article = await addArticle(PENTAGON)
      const before = await registryBytes()
      const noAnnotation = await refuse('sources:create', {
        mention: { articleId: article, annotationId: 'no-such-annotation' },
      })
      expect(noAnnotation).toMatchObject({ code: 'not-found', details: { field: 'mention' } })
      const noArticle = await refuse('sources:create', {
        name: 'Pentagon',
        mention: { articleId: 'no-such-article', annotationId: 'x' },
      })
      expect(noArticle.code).toBe('not-found')
      expect(await registryBytes()).toBe(before)
    })
  })

  describe('sources:update', () => {
    it('changes only the given fields, normalises aliases and keeps the rest', async () => {
      const hur = await call('sources:create', { name: 'HUR', kind: 'intelligence' })
      const updated = await call('sources:update', {
        id: hur.id,
        name: 'Hauptverwaltung für Aufklärung (HUR)',
        aliases: ['HUR', 'GUR', 'HUR', 'Hauptverwaltung für Aufklärung (HUR)'],
        reliability: 'C',
        reliabilityReason: 'Party to the conflict; figures not independently confirmed.',
      })
      expect(updated).toMatchObject({
        id: hur.id,
        name: 'Hauptverwaltung für Aufklärung (HUR)',
        aliases: ['HUR', 'GUR'],
        kind: 'intelligence',
        reliability: 'C',
        createdAt: hur.createdAt,
      })
      expect(updated.updatedAt >= hur.updatedAt).toBe(true)
      const cleared = await call('sources:update', { id: hur.id, reliability: null })
      expect(cleared).toMatchObject({ reliability: null, aliases: ['HUR', 'GUR'] })
      expect((await registryFile()).sources).toEqual([cleared])

      expect(await refuse('sources:update', { id: 'no-such-source', name: 'X' })).toMatchObject({
        code: 'not-found',
      })
      expect((await refuse('sources:update', { id: hur.id, kind: 'spy' })).code).toBe(
        'invalid-input',
      )
      expect((await refuse('sources:update', { id: hur.id, name: ' ' })).code).toBe('invalid-input')
    })

    it('refuses renaming a source to the name of another source', async () => {
      const nis = await call('sources:create', { name: 'National Intelligence Service' })
      const hur = await call('sources:create', { name: 'HUR' })
      const before = await registryBytes()
      const error = await refuse('sources:update', {
        id: hur.id,
        name: 'national intelligence service',
      })
      expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'name' } })
      expect(error.details?.['existingId']).toBe(nis.id)
      expect(await registryBytes()).toBe(before)
      // Renaming a source to its own name in another case is fine.
      const renamed = await call('sources:update', { id: hur.id, name: 'Hur' })
      expect(renamed.name).toBe('Hur')
    })
  })

  describe('sources:linkMention and sources:unlinkMention', () => {
    it('links and unlinks mentions across articles, once each, and refuses unknown ones', async () => {
      const en = await addArticle(NIS)
      const de = await addArticle(PENTAGON)
      const nis = await call('sources:create', { name: 'National Intelligence Service' })
      const first = await annotate(en, 'National Intelligence Service')
      const second = await annotate(en, 'NIS', 1)
      const third = await annotate(de, 'NIS')

      await call('sources:linkMention', { id: nis.id, mention: mentionOf(en, first) })
      await call('sources:linkMention', { id: nis.id, mention: mentionOf(en, second) })
      const linked = await call('sources:linkMention', {
        id: nis.id,
        mention: mentionOf(de, third),
      })
      expect(linked.mentions).toEqual([
        mentionOf(en, first),
        mentionOf(en, second),
        mentionOf(de, third),
      ])

      const before = await registryBytes()
      const unknown = await refuse('sources:linkMention', {
        id: nis.id,
        mention: { articleId: en, annotationId: 'gone' },
      })
      expect(unknown).toMatchObject({ code: 'not-found', details: { field: 'mention' } })
      // The annotation exists, but in another article.
      const wrongArticle = await refuse('sources:linkMention', {
        id: nis.id,
        mention: { articleId: de, annotationId: first.id },
      })
      expect(wrongArticle.code).toBe('not-found')
      const noSource = await refuse('sources:linkMention', {
        id: 'no-such-source',
        mention: mentionOf(en, first),
      })
      expect(noSource.code).toBe('not-found')
      expect(await registryBytes()).toBe(before)

      const unlinked = await call('sources:unlinkMention', {
        id: nis.id,
        mention: mentionOf(en, second),
      })
      expect(unlinked.mentions).toEqual([mentionOf(en, first), mentionOf(de, third)])
      expect((await registryFile()).sources[0]?.mentions).toEqual(unlinked.mentions)
      // The annotation itself stays.
      const article = await call('articles:get', { id: en })
      expect(article.annotations.map((a) => a.id)).toContain(second.id)
      expect(await problems()).toEqual([])
    })

    it('linking an already linked mention keeps one copy, in its place', async () => {
      const en = await addArticle(NIS)
      const nis = await call('sources:create', { name: 'NIS' })
      const first = await annotate(en, 'NIS')
      const second = await annotate(en, 'NIS', 1)
      await call('sources:linkMention', { id: nis.id, mention: mentionOf(en, first) })
      await call('sources:linkMention', { id: nis.id, mention: mentionOf(en, second) })
      const twice = await call('sources:linkMention', { id: nis.id, mention: mentionOf(en, first) })
      expect(twice.mentions).toEqual([mentionOf(en, first), mentionOf(en, second)])
      expect((await registryFile()).sources[0]?.mentions).toEqual(twice.mentions)
    })
  })

  describe('sources:merge', () => {
    it('makes the duplicate’s names aliases of the target and moves its mentions and claims', async () => {
      const en = await addArticle(NIS)
      const de = await addArticle(PENTAGON)
      const target = await call('sources:create', {
        name: 'National Intelligence Service',
        aliases: ['NIS'],
        kind: 'intelligence',
        reliability: 'B',
        reliabilityReason: 'Track record on North Korea.',
      })
      const duplicate = await call('sources:create', {
        name: 'Südkoreanischer Geheimdienst',
        aliases: ['Kookjeongwon', 'NIS'],
        kind: 'intelligence',
        description: 'Name used in German reports.',
        reliability: 'D',
      })
      const yonhap = await call('sources:create', { name: 'Yonhap', kind: 'media' })
      const shared = await annotate(en, 'National Intelligence Service')
      const onlyTarget = await annotate(en, 'NIS', 1)
      const onlyDuplicate = await annotate(de, 'NIS')
      await call('sources:linkMention', { id: target.id, mention: mentionOf(en, shared) })
      await call('sources:linkMention', { id: target.id, mention: mentionOf(en, onlyTarget) })
      await call('sources:linkMention', { id: duplicate.id, mention: mentionOf(de, onlyDuplicate) })
      await call('sources:linkMention', { id: duplicate.id, mention: mentionOf(en, shared) })

      const said = await call('claims:create', {
        statement: 'North Korea has sent 1,500 elite soldiers to Russia',
        saidBy: [duplicate.id],
        reportedBy: [yonhap.id],
      })
      const both = await call('claims:create', {
        statement: 'The troops were flown from Wonsan to Vladivostok',
        saidBy: [target.id, duplicate.id],
      })
      const reported = await call('claims:create', {
        statement: 'Die Soldaten werden im Osten Russlands ausgebildet',
        saidBy: [yonhap.id],
        reportedBy: [duplicate.id],
      })
      const untouched = await call('claims:create', {
        statement: 'Yonhap reported on Friday',
        saidBy: [yonhap.id],
      })

      const merged = await call('sources:merge', { sourceId: duplicate.id, targetId: target.id })
      expect(merged).toMatchObject({
        id: target.id,
        name: 'National Intelligence Service',
        aliases: ['NIS', 'Südkoreanischer Geheimdienst', 'Kookjeongwon'],
        kind: 'intelligence',
        // The target's own grading wins; what it lacked comes from the duplicate.
        reliability: 'B',
        reliabilityReason: 'Track record on North Korea.',
        description: 'Name used in German reports.',
      })
      expect(merged.mentions).toEqual([
        mentionOf(en, shared),
        mentionOf(en, onlyTarget),
        mentionOf(de, onlyDuplicate),
      ])

      const file = await registryFile()
      expect(file.sources.map((s) => s.id)).toEqual([target.id, yonhap.id])
      expect(file.sources[0]).toEqual(merged)
      const claim = (id: string) => file.claims.find((c) => c.id === id)
      expect(claim(said.id)).toMatchObject({ saidBy: [target.id], reportedBy: [yonhap.id] })
      expect(claim(both.id)).toMatchObject({ saidBy: [target.id], reportedBy: [] })
      expect(claim(reported.id)).toMatchObject({ saidBy: [yonhap.id], reportedBy: [target.id] })
      expect(claim(untouched.id)).toEqual(untouched)
      expect(JSON.stringify(file)).not.toContain(duplicate.id)
      expect(await problems()).toEqual([])
    })

    it('refuses merging a source into itself, twice, or with an unknown source', async () => {
      const a = await call('sources:create', { name: 'HUR' })
      const b = await call('sources:create', { name: 'GUR' })
      const self = await refuse('sources:merge', { sourceId: a.id, targetId: a.id })
      expect(self).toMatchObject({ code: 'invalid-input', details: { field: 'targetId' } })
      await call('sources:merge', { sourceId: b.id, targetId: a.id })
      const before = await registryBytes()
      expect((await refuse('sources:merge', { sourceId: b.id, targetId: a.id })).code).toBe(
        'not-found',
      )
      expect((await refuse('sources:merge', { sourceId: a.id, targetId: b.id })).code).toBe(
        'not-found',
      )
      expect((await refuse('sources:merge', { sourceId: a.id, targetId: 'nope' })).code).toBe(
        'not-found',
      )
      expect(await registryBytes()).toBe(before)
      expect((await registryFile()).sources).toEqual([
        expect.objectContaining({ id: a.id, aliases: ['GUR'] }),
      ])
    })
  })

  describe('sources:delete', () => {
    async function citedSetup() {
      const nis = await call('sources:create', { name: 'NIS', kind: 'intelligence' })
      const yonhap = await call('sources:create', { name: 'Yonhap', kind: 'media' })
      const reuters = await call('sources:create', { name: 'Reuters', kind: 'media' })
      const elite = await call('claims:create', {
        statement: 'North Korea has sent 1,500 elite soldiers to Russia',
        saidBy: [nis.id],
        reportedBy: [yonhap.id],
      })
      const flown = await call('claims:create', {
        statement: 'The troops were flown from Wonsan to Vladivostok',
        saidBy: [nis.id],
        reportedBy: [yonhap.id, reuters.id],
      })
      return { nis, yonhap, reuters, elite, flown }
    }

    it("'refuse' fails while claims cite the source and changes nothing", async () => {
      const { yonhap } = await citedSetup()
      const before = await registryBytes()
      const error = await refuse('sources:delete', { id: yonhap.id, claims: 'refuse' })
      expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'claims' } })
      expect(error.message).toContain('Yonhap')
      expect(await registryBytes()).toBe(before)
      expect((await call('history:state', {})).undoLabel).toBe('Create claim')
    })

    it("'refuse' deletes a source no claim cites", async () => {
      const { reuters, nis } = await citedSetup()
      const lonely = await call('sources:create', { name: 'Rodong Sinmun', kind: 'media' })
      expect(await call('sources:delete', { id: lonely.id, claims: 'refuse' })).toBeNull()
      const file = await registryFile()
      expect(file.sources.map((s) => s.name)).toEqual(['NIS', 'Yonhap', 'Reuters'])
      expect(file.sources.map((s) => s.id)).not.toContain(lonely.id)
      expect(reuters.id).not.toBe(nis.id)
    })

    it("'unlink' removes the source from every claim citing it", async () => {
      const { yonhap, nis, reuters, elite, flown } = await citedSetup()
      await call('sources:delete', { id: yonhap.id, claims: 'unlink' })
      const file = await registryFile()
      expect(file.sources.map((s) => s.id)).toEqual([nis.id, reuters.id])
      expect(file.claims.find((c) => c.id === elite.id)).toMatchObject({
        saidBy: [nis.id],
        reportedBy: [],
      })
      expect(file.claims.find((c) => c.id === flown.id)).toMatchObject({
        saidBy: [nis.id],
        reportedBy: [reuters.id],
      })
      expect(JSON.stringify(file)).not.toContain(yonhap.id)
      expect(await problems()).toEqual([])
    })

    it('{reassignTo} moves the claims to another source, without duplicates', async () => {
      const { yonhap, nis, reuters, elite, flown } = await citedSetup()
      await call('sources:delete', { id: yonhap.id, claims: { reassignTo: reuters.id } })
      const file = await registryFile()
      expect(file.sources.map((s) => s.id)).toEqual([nis.id, reuters.id])
      expect(file.claims.find((c) => c.id === elite.id)?.reportedBy).toEqual([reuters.id])
      expect(file.claims.find((c) => c.id === flown.id)?.reportedBy).toEqual([reuters.id])
      expect(JSON.stringify(file)).not.toContain(yonhap.id)
      expect(await problems()).toEqual([])
    })

    it('{reassignTo} refuses the source itself and unknown sources, changing nothing', async () => {
      const { yonhap } = await citedSetup()
      const before = await registryBytes()
      const self = await refuse('sources:delete', {
        id: yonhap.id,
        claims: { reassignTo: yonhap.id },
      })
      expect(self).toMatchObject({ code: 'invalid-input', details: { field: 'claims' } })
      const unknown = await refuse('sources:delete', {
        id: yonhap.id,
        claims: { reassignTo: 'no-such-source' },
      })
      expect(unknown.code).toBe('not-found')
      expect((await refuse('sources:delete', { id: 'nope', claims: 'unlink' })).code).toBe(
        'not-found',
      )
      expect((await refuse('sources:delete', { id: yonhap.id, claims: 'drop' })).code).toBe(
        'invalid-input',
      )
      expect(await registryBytes()).toBe(before)
    })

    it('leaves the deleted source’s annotations in their articles', async () => {
      const article = await addArticle(HUR)
      const mention = await annotate(article, 'HUR')
      const hur = await call('sources:create', { mention: mentionOf(article, mention) })
      await call('sources:delete', { id: hur.id, claims: 'refuse' })
      const stored = await call('articles:get', { id: article })
      expect(stored.annotations.map((a) => a.id)).toEqual([mention.id])
      expect((await registryFile()).sources).toEqual([] satisfies Source[])
      expect(await problems()).toEqual([])
    })
  })
})
