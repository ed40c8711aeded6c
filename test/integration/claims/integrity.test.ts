import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApi } from '../../../main/api'
import type { IntegrityProblem } from '../../../shared/api'
import type { Annotation } from '../../../shared/model/annotation'
import type { Claim, ClaimRelation } from '../../../shared/model/claim'
import { RegistryDocument } from '../../../shared/model/registry'
import type { Source } from '../../../shared/model/source'
import { type ArticleInput, HUR, NIS, PENTAGON, rangeOf } from '../../helpers/example-articles'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const AT = '2024-10-23T09:00:00.000Z'

function claimJson(id: string, statement: string, fields: Partial<Claim> = {}): Claim {
  return {
    id,
    statement,
    saidBy: [],
    reportedBy: [],
    madeOn: '',
    mentions: [],
    tagIds: [],
    notes: '',
    quantities: [],
    assessments: [{ status: 'unstarted', credibility: null, rationale: '', by: 'mira', at: AT }],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  }
}

function sourceJson(id: string, name: string, fields: Partial<Source> = {}): Source {
  return {
    id,
    name,
    aliases: [],
    kind: 'other',
    role: '',
    organisation: '',
    description: '',
    reliability: null,
    reliabilityReason: '',
    mentions: [],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  }
}

function relationJson(id: string, fields: Omit<ClaimRelation, 'id' | 'note' | 'createdAt'>) {
  return { id, note: '', createdAt: AT, ...fields }
}

/** A registry document as JSON.parse gives it back, to break on purpose. */
type LooseRegistry = Record<string, unknown> & {
  sources: Array<Record<string, unknown>>
  claims: Array<Record<string, unknown>>
  relations: Array<Record<string, unknown>>
  statuses: Array<Record<string, unknown>>
}

function first<T>(list: readonly T[]): T {
  const item = list[0]
  if (item === undefined) throw new Error('test setup: empty list')
  return item
}

describe('registry.json written by hand: reference checks and validation on open', () => {
  let t: TestApi
  let api: MainApi
  let folder: string
  const texts = new Map<string, string>()

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  const registryPath = () => join(folder, 'registry.json')
  const registryBytes = () => readFile(registryPath(), 'utf8')
  async function registryFile(): Promise<RegistryDocument> {
    return RegistryDocument.parse(JSON.parse(await registryBytes()))
  }
  /** Writes registry.json as Claimdesk would (one-space indent), or any text given. */
  async function writeRegistry(doc: unknown): Promise<string> {
    const text = typeof doc === 'string' ? doc : `${JSON.stringify(doc, null, 1)}\n`
    await writeFile(registryPath(), text, 'utf8')
    return text
  }

  async function addArticle(article: ArticleInput): Promise<string> {
    const { id } = await call('articles:add', article)
    texts.set(id, article.text)
    return id
  }

  async function annotate(articleId: string, needle: string): Promise<Annotation> {
    const text = texts.get(articleId)
    if (text === undefined) throw new Error('test setup: unknown article')
    return call('annotations:create', { articleId, kind: 'claim', ...rangeOf(text, needle) })
  }

  beforeEach(async () => {
    t = await openTestApi({
      prefix: 'claimdesk-integrity-',
      projectName: 'Nordkoreanische Soldaten',
    })
    api = t.api
    folder = t.folder
  })
  afterEach(() => t.close())

  describe('broken references', () => {
    it('opens the project and lists each broken reference, naming the entities', async () => {
      const article = await addArticle(PENTAGON)
      const nisArticle = await addArticle(NIS)
      const hurArticle = await addArticle(HUR)
      const elite = await annotate(nisArticle, '1,500 elite soldiers')
      const annotation = await annotate(article, 'mindestens 3.000 Soldaten')
      const tag = await call('tags:create', { name: 'Truppenstärke' })
      await call('projects:close', {})

      const statements = {
        ok: 'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt',
        ghostSource: 'North Korea has sent 1,500 elite soldiers to Russia',
        ghostArticle: 'More than 10,000 troops from North Korea are already in Russia',
        ghostAnnotation: 'Pentagon-Sprecherin Singh bestätigt die Zahl',
        ghostStatus: '12,000 were planned by December',
        ghostTag: 'Die Soldaten werden im Osten Russlands ausgebildet',
      }
      const written = await writeRegistry({
        schemaVersion: 2,
        sources: [
          sourceJson('src-nis', 'National Intelligence Service', {
            kind: 'intelligence',
            mentions: [{ articleId: article, annotationId: 'ann-gone-source' }],
          }),
          sourceJson('src-pentagon', 'Pentagon', {
            mentions: [{ articleId: article, annotationId: annotation.id }],
          }),
        ],
        claims: [
          claimJson('claim-ok', statements.ok, {
            saidBy: ['src-pentagon'],
            mentions: [{ articleId: article, annotationId: annotation.id }],
            tagIds: [tag.id],
          }),
          claimJson('claim-ghost-source', statements.ghostSource, {
            saidBy: ['src-ghost'],
            reportedBy: ['src-nis'],
          }),
          claimJson('claim-ghost-article', statements.ghostArticle, {
            mentions: [{ articleId: 'art-ghost', annotationId: 'ann-x' }],
          }),
          claimJson('claim-ghost-annotation', statements.ghostAnnotation, {
            mentions: [
              { articleId: nisArticle, annotationId: elite.id },
              { articleId: hurArticle, annotationId: 'ann-gone-claim' },
            ],
          }),
          claimJson('claim-ghost-status', statements.ghostStatus, {
            assessments: [
              { status: 'unstarted', credibility: null, rationale: '', by: 'mira', at: AT },
              {
                status: 'custom-retracted-abc123',
                credibility: '5',
                rationale: 'Zurückgezogen.',
                by: 'mira',
                at: AT,
              },
            ],
          }),
          claimJson('claim-ghost-tag', statements.ghostTag, { tagIds: [tag.id, 'tag-ghost'] }),
        ],
        relations: [
          relationJson('rel-ok', {
            type: 'corroborates',
            fromClaimId: 'claim-ok',
            toClaimId: 'claim-ghost-source',
          }),
          relationJson('rel-ghost', {
            type: 'contradicts',
            fromClaimId: 'claim-ok',
            toClaimId: 'claim-gone',
          }),
        ],
        statuses: [],
        evidence: [],
      })

      const opened = await api.invoke('projects:open', { folder })
      expect(opened).toMatchObject({ ok: true, value: { name: 'Nordkoreanische Soldaten' } })
      const snapshot = await call('registry:get', {})
      expect(snapshot.claims.map((c) => c.id)).toHaveLength(6)
      expect(snapshot.relations.map((r) => r.id)).toEqual(['rel-ok', 'rel-ghost'])
      const problems = snapshot.problems
      const byKind = (kind: IntegrityProblem['kind']) => problems.filter((p) => p.kind === kind)

      const [ghostSource, ...moreSources] = byKind('missing-source')
      expect(moreSources).toEqual([])
      expect(ghostSource?.entities).toEqual([
        { type: 'claim', id: 'claim-ghost-source' },
        { type: 'source', id: 'src-ghost' },
      ])
      expect(ghostSource?.message).toContain(statements.ghostSource)
      expect(ghostSource?.message).toContain('src-ghost')

      expect(byKind('missing-claim')).toEqual([
        {
          kind: 'missing-claim',
          message: expect.stringContaining('claim-gone'),
          entities: [
            { type: 'relation', id: 'rel-ghost' },
            { type: 'claim', id: 'claim-gone' },
          ],
        },
      ])
      expect(first(byKind('missing-claim')).message).toContain('contradicts')

      const [ghostArticle, ...moreArticles] = byKind('missing-article')
      expect(moreArticles).toEqual([])
      expect(ghostArticle?.entities).toEqual([
        { type: 'claim', id: 'claim-ghost-article' },
        { type: 'article', id: 'art-ghost' },
      ])
      // Long statements are shortened in messages, but still recognisable.
      expect(ghostArticle?.message).toContain(statements.ghostArticle.slice(0, 40))
      expect(ghostArticle?.message).toContain('art-ghost')

      const missingAnnotations = byKind('missing-annotation')
      expect(missingAnnotations.map((p) => p.entities)).toEqual(
        expect.arrayContaining([
          [
            { type: 'claim', id: 'claim-ghost-annotation' },
            { type: 'annotation', id: 'ann-gone-claim' },
          ],
          [
            { type: 'source', id: 'src-nis' },
            { type: 'annotation', id: 'ann-gone-source' },
          ],
        ]),
      )
      expect(missingAnnotations).toHaveLength(2)
      const sourceMention = missingAnnotations.find((p) => p.entities[0]?.type === 'source')
      expect(sourceMention?.message).toContain('National Intelligence Service')
      expect(sourceMention?.message).toContain('ann-gone-source')
      expect(sourceMention?.message).toContain(PENTAGON.title)
      const claimMention = missingAnnotations.find((p) => p.entities[0]?.type === 'claim')
      expect(claimMention?.message).toContain(statements.ghostAnnotation)
      expect(claimMention?.message).toContain('ann-gone-claim')
      expect(claimMention?.message).toContain(HUR.title)

      expect(byKind('missing-status')).toEqual([
        {
          kind: 'missing-status',
          message: expect.stringContaining('custom-retracted-abc123'),
          entities: [{ type: 'claim', id: 'claim-ghost-status' }],
        },
      ])
      expect(first(byKind('missing-status')).message).toContain(statements.ghostStatus)

      expect(byKind('missing-tag')).toEqual([
        {
          kind: 'missing-tag',
          message: expect.stringContaining('tag-ghost'),
          entities: [
            { type: 'claim', id: 'claim-ghost-tag' },
            { type: 'tag', id: 'tag-ghost' },
          ],
        },
      ])
      expect(first(byKind('missing-tag')).message).toContain(statements.ghostTag)

      expect(problems).toHaveLength(7)
      // Nothing about the sound entities.
      const named = problems.flatMap((p) => p.entities.map((e) => e.id))
      expect(named).not.toContain('claim-ok')
      expect(named).not.toContain('src-pentagon')
      expect(named).not.toContain('rel-ok')
      // Checking changes nothing on disk.
      expect(await registryBytes()).toBe(written)

      // The project stays usable, and repairs make the problems go away.
      await call('claims:assess', { id: 'claim-ok', status: 'verified', credibility: '2' })
      await call('relations:delete', { id: 'rel-ghost' })
      await call('claims:update', { id: 'claim-ghost-tag', tagIds: [tag.id] })
      await call('claims:update', { id: 'claim-ghost-source', saidBy: ['src-nis'] })
      await call('sources:unlinkMention', {
        id: 'src-nis',
        mention: { articleId: article, annotationId: 'ann-gone-source' },
      })
      await call('claims:removeMention', {
        id: 'claim-ghost-annotation',
        mention: { articleId: hurArticle, annotationId: 'ann-gone-claim' },
      })
      await call('claims:removeMention', {
        id: 'claim-ghost-article',
        mention: { articleId: 'art-ghost', annotationId: 'ann-x' },
      })
      await call('claims:assess', { id: 'claim-ghost-status', status: 'false', credibility: '5' })
      expect((await call('registry:get', {})).problems).toEqual([])
    })

    it('reports a relation whose both ends are missing once per end', async () => {
      await call('projects:close', {})
      await writeRegistry({
        schemaVersion: 2,
        sources: [],
        claims: [],
        relations: [
          relationJson('rel-orphan', { type: 'same-as', fromClaimId: 'c-1', toClaimId: 'c-2' }),
        ],
        statuses: [],
        evidence: [],
      })
      await call('projects:open', { folder })
      const { problems } = await call('registry:get', {})
      expect(problems.map((p) => [p.kind, p.entities])).toEqual([
        [
          'missing-claim',
          [
            { type: 'relation', id: 'rel-orphan' },
            { type: 'claim', id: 'c-1' },
          ],
        ],
        [
          'missing-claim',
          [
            { type: 'relation', id: 'rel-orphan' },
            { type: 'claim', id: 'c-2' },
          ],
        ],
      ])
    })

    it('creates an empty registry.json for a project made before it existed', async () => {
      await call('sources:create', { name: 'NIS' })
      await call('projects:close', {})
      await rm(registryPath())
      await call('projects:open', { folder })
      expect(await call('registry:get', {})).toEqual({
        sources: [],
        claims: [],
        relations: [],
        statuses: [],
        evidence: [],
        problems: [],
      })
      expect(await registryFile()).toEqual({
        schemaVersion: 2,
        sources: [],
        claims: [],
        relations: [],
        statuses: [],
        evidence: [],
      })
    })
  })

  describe('a registry.json that fails validation', () => {
    /** A sound registry.json made through the API (the project is then closed), as text. */
    async function validRegistry(): Promise<string> {
      const nis = await call('sources:create', { name: 'NIS', kind: 'intelligence' })
      const a = await call('claims:create', {
        statement: 'North Korea has sent 1,500 elite soldiers to Russia',
        saidBy: [nis.id],
      })
      const b = await call('claims:create', { statement: 'Mehr als 10.000 Soldaten' })
      await call('relations:create', { type: 'contradicts', fromClaimId: a.id, toClaimId: b.id })
      await call('statuses:create', { label: 'Widerlegt', color: '#aa3300' })
      await call('projects:close', {})
      return registryBytes()
    }

    const cases: Array<{ name: string; field: string; breakIt: (doc: LooseRegistry) => void }> = [
      {
        name: 'a reliability grade outside A–F',
        field: 'sources.0.reliability',
        breakIt: (doc) => {
          first(doc.sources).reliability = 'G'
        },
      },
      {
        name: 'a claim without any assessment',
        field: 'claims.1.assessments',
        breakIt: (doc) => {
          const claim = doc.claims[1]
          if (claim) claim.assessments = []
        },
      },
      {
        name: 'a claim whose saidBy is not a list',
        field: 'claims.0.saidBy',
        breakIt: (doc) => {
          first(doc.claims).saidBy = 'NIS'
        },
      },
      {
        name: 'a relation of a claim to itself',
        field: 'relations.0.toClaimId',
        breakIt: (doc) => {
          const relation = first(doc.relations)
          relation.toClaimId = relation.fromClaimId
        },
      },
      {
        name: 'an unknown relation type',
        field: 'relations.0.type',
        breakIt: (doc) => {
          first(doc.relations).type = 'supports'
        },
      },
      {
        name: 'a custom status id without the custom- prefix',
        field: 'statuses.0.id',
        breakIt: (doc) => {
          first(doc.statuses).id = 'widerlegt'
        },
      },
      {
        name: 'a missing list',
        field: 'claims',
        breakIt: (doc) => {
          Reflect.deleteProperty(doc, 'claims')
        },
      },
    ]

    for (const { name, field, breakIt } of cases) {
      it(`refuses to open with corrupt-file naming registry.json and the field: ${name}`, async () => {
        const valid = await validRegistry()
        const doc = JSON.parse(valid) as LooseRegistry
        breakIt(doc)
        const written = await writeRegistry(doc)
        const filesBefore = (await readdir(folder)).sort()

        const error = await refuse('projects:open', { folder })
        expect(error.code).toBe('corrupt-file')
        expect(error.message).toContain('registry.json')
        expect(error.message).toContain(field)
        expect(error.details).toMatchObject({ file: 'registry.json' })
        expect(await registryBytes()).toBe(written)
        expect((await readdir(folder)).sort()).toEqual(filesBefore)
        expect(await call('projects:current', {})).toBeNull()

        // Once the file is repaired the project opens (the failed open left no lock behind).
        await writeRegistry(valid)
        await call('projects:open', { folder })
        expect((await call('registry:get', {})).claims).toHaveLength(2)
        expect((await call('registry:get', {})).problems).toEqual([])
      })
    }

    it('refuses a registry.json that is not JSON, leaving it as it is', async () => {
      await validRegistry()
      const written = await writeRegistry('{"schemaVersion": 1, "sources": [')
      const error = await refuse('projects:open', { folder })
      expect(error).toMatchObject({ code: 'corrupt-file', details: { file: 'registry.json' } })
      expect(error.message).toContain('registry.json')
      expect(await registryBytes()).toBe(written)
    })
  })
})
