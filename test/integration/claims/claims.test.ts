import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RELATION_TYPES } from '../../../shared/model/claim'
import { HUR, NIS, PENTAGON } from '../../helpers/example-articles'
import { registryWorkbench } from '../../helpers/registry-workbench'
import { type TestApi, openTestApi } from '../../helpers/test-api'

/** The user name the API is configured with; assessments should record it. */
const USER = 'Mira Analyst'

describe('claims, assessments and relations through the main API (real files in a temp folder)', () => {
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
  const undo = () => call('history:undo', {})

  beforeEach(async () => {
    t = await openTestApi({
      prefix: 'claimdesk-claims-',
      projectName: 'Nordkoreanische Soldaten',
      userName: USER,
    })
  })
  afterEach(() => t.close())

  describe('creating claims', () => {
    it('makes a claim from a German selection: the quote, its first mention, its figure', async () => {
      const article = await addArticle(PENTAGON)
      const selected = 'Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat'
      const linked = await select(article, selected, { newClaim: true })
      expect(linked.source).toBeNull()
      expect(linked.annotation).toMatchObject({ kind: 'claim', quote: { exact: selected } })
      const claim = claimOf(linked)
      expect(claim).toMatchObject({
        statement: selected,
        saidBy: [],
        reportedBy: [],
        madeOn: '',
        mentions: [mentionOf(article, linked.annotation)],
        tagIds: [],
        notes: '',
        quantities: [
          {
            value: 3000,
            upper: null,
            qualifier: 'at-least',
            unit: 'soldaten',
            text: 'mindestens 3.000 Soldaten',
          },
        ],
        assessments: [{ status: 'unstarted', credibility: null, rationale: '' }],
      })
      expect(claim.createdAt).toBe(claim.updatedAt)
      expect((await registryFile()).claims).toEqual([claim])
      const stored = await call('articles:get', { id: article })
      expect(stored.annotations).toEqual([linked.annotation])
      expect((await call('history:state', {})).undoLabel).toBe('Create claim from selection')
      expect(await problems()).toEqual([])
    })

    it('reads figures with the article’s language: “more than 10,000 troops”, “1,500 elite soldiers”', async () => {
      const hur = await addArticle(HUR)
      const nis = await addArticle(NIS)
      const pentagon = await addArticle(PENTAGON)
      const more = claimOf(
        await select(hur, 'more than 10,000 troops from North Korea are already in Russia', {
          newClaim: true,
        }),
      )
      expect(more.quantities).toEqual([
        {
          value: 10000,
          upper: null,
          qualifier: 'more-than',
          unit: 'troops',
          text: 'more than 10,000 troops',
        },
      ])
      const planned = claimOf(
        await select(hur, '12,000 were planned by December', { newClaim: true }),
      )
      expect(planned.quantities).toMatchObject([{ value: 12000, qualifier: 'exactly' }])
      const elite = claimOf(
        await select(nis, 'North Korea has sent 1,500 elite soldiers to Russia', {
          newClaim: true,
        }),
      )
      expect(elite.quantities).toEqual([
        {
          value: 1500,
          upper: null,
          qualifier: 'exactly',
          unit: 'soldiers',
          text: '1,500 elite soldiers',
        },
      ])
      // German text: "1.500" is fifteen hundred, not one and a half.
      const german = claimOf(await select(pentagon, '1.500 Elitesoldaten', { newClaim: true }))
      expect(german.quantities).toMatchObject([{ value: 1500, unit: 'elitesoldaten' }])
      expect((await registryFile()).claims.map((c) => c.id)).toEqual([
        more.id,
        planned.id,
        elite.id,
        german.id,
      ])
    })

    it('claims:parseQuantities recognises the same figures for the claim editor', async () => {
      expect(
        await call('claims:parseQuantities', { text: 'mindestens 3.000 Soldaten', language: 'de' }),
      ).toEqual([
        {
          value: 3000,
          upper: null,
          qualifier: 'at-least',
          unit: 'soldaten',
          text: 'mindestens 3.000 Soldaten',
        },
      ])
      expect(
        await call('claims:parseQuantities', { text: 'more than 10,000 troops', language: 'en' }),
      ).toMatchObject([{ value: 10000, qualifier: 'more-than', unit: 'troops' }])
      expect(
        await call('claims:parseQuantities', { text: '1.500 Elitesoldaten', language: 'de' }),
      ).toMatchObject([{ value: 1500 }])
      expect(await call('claims:parseQuantities', { text: 'Keine Zahl hier.' })).toEqual([])
    })

    it('records who said it and who passed it on (an agency citing intelligence)', async () => {
      const article = await addArticle(NIS)
      const nis = await call('sources:create', {
        name: 'National Intelligence Service',
        aliases: ['NIS'],
        kind: 'intelligence',
        reliability: 'B',
      })
      const yonhap = await call('sources:create', {
        name: 'Yonhap',
        kind: 'media',
        reliability: 'B',
      })
      const mention = await annotate(article, 'North Korea has sent 1,500 elite soldiers to Russia')
      const claim = await call('claims:create', {
        statement: ' Nordkorea hat 1.500 Elitesoldaten nach Russland geschickt ',
        mention: mentionOf(article, mention),
        saidBy: [nis.id, nis.id],
        reportedBy: [yonhap.id],
        madeOn: '2024-10-18',
        notes: 'Yonhap zitiert den NIS; keine unabhängige Bestätigung.',
      })
      expect(claim).toMatchObject({
        statement: 'Nordkorea hat 1.500 Elitesoldaten nach Russland geschickt',
        saidBy: [nis.id],
        reportedBy: [yonhap.id],
        madeOn: '2024-10-18',
        mentions: [mentionOf(article, mention)],
        notes: 'Yonhap zitiert den NIS; keine unabhängige Bestätigung.',
        assessments: [{ status: 'unstarted', credibility: null }],
      })
      const chained = await call('claims:create', {
        statement: 'The troops were flown from Wonsan to Vladivostok',
        saidBy: [nis.id],
        reportedBy: [yonhap.id],
      })
      expect(chained).toMatchObject({ mentions: [], saidBy: [nis.id], reportedBy: [yonhap.id] })
      expect((await registryFile()).claims).toEqual([claim, chained])
      expect(await problems()).toEqual([])
    })

    it('reads figures in the researcher’s own statement, not in the mention’s language', async () => {
      // A German fact-checker words a claim from an English report in German.
      const article = await addArticle(NIS)
      const mention = await annotate(article, 'North Korea has sent 1,500 elite soldiers to Russia')
      const claim = await call('claims:create', {
        statement: 'Nordkorea hat 1.500 Elitesoldaten nach Russland geschickt',
        mention: mentionOf(article, mention),
      })
      // Fifteen hundred elite soldiers, not 1.5 "nach".
      expect(claim.quantities).toEqual([
        {
          value: 1500,
          upper: null,
          qualifier: 'exactly',
          unit: 'elitesoldaten',
          text: '1.500 Elitesoldaten',
        },
      ])
      // Without a statement the quote is the statement, read in the article's language.
      const quoted = await call('claims:create', { mention: mentionOf(article, mention) })
      expect(quoted.quantities).toMatchObject([{ value: 1500, unit: 'soldiers' }])
    })

    it('refuses unknown sources, tags and mentions, and an empty statement, writing nothing', async () => {
      const article = await addArticle(PENTAGON)
      const nis = await call('sources:create', { name: 'NIS' })
      const before = await registryBytes()
      const saidBy = await refuse('claims:create', { statement: 'x', saidBy: ['ghost-source'] })
      expect(saidBy).toMatchObject({ code: 'not-found', details: { field: 'saidBy' } })
      expect(saidBy.message).toContain('ghost-source')
      const reportedBy = await refuse('claims:create', {
        statement: 'x',
        saidBy: [nis.id],
        reportedBy: ['ghost-agency'],
      })
      expect(reportedBy).toMatchObject({ code: 'not-found', details: { field: 'reportedBy' } })
      const tag = await refuse('claims:create', { statement: 'x', tagIds: ['ghost-tag'] })
      expect(tag).toMatchObject({ code: 'not-found', details: { field: 'tagIds' } })
      const mention = await refuse('claims:create', {
        mention: { articleId: article, annotationId: 'ghost-annotation' },
      })
      expect(mention).toMatchObject({ code: 'not-found', details: { field: 'mention' } })
      const empty = await refuse('claims:create', {})
      expect(empty).toMatchObject({ code: 'invalid-input', details: { field: 'statement' } })
      const blank = await refuse('claims:create', { statement: '   ' })
      expect(blank.code).toBe('invalid-input')
      const badDate = await refuse('claims:create', { statement: 'x', madeOn: '18.10.2024' })
      expect(badDate).toMatchObject({ code: 'invalid-input', details: { fields: ['madeOn'] } })
      expect(await registryBytes()).toBe(before)
    })
  })

  describe('mentions', () => {
    it('attaches mentions from other articles: createLinked {claimId} and claims:addMention', async () => {
      const pentagon = await addArticle(PENTAGON)
      const nis = await addArticle(NIS)
      const hur = await addArticle(HUR)
      const first = await select(
        pentagon,
        'Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat',
        { newClaim: true },
      )
      const claim = claimOf(first)
      const second = await select(nis, 'The Pentagon puts the figure at 3,000 soldiers', {
        claimId: claim.id,
      })
      expect(second.annotation.kind).toBe('claim')
      expect(claimOf(second)).toMatchObject({
        id: claim.id,
        statement: claim.statement,
        quantities: claim.quantities,
        mentions: [mentionOf(pentagon, first.annotation), mentionOf(nis, second.annotation)],
      })
      expect((await call('history:state', {})).undoLabel).toBe('Create claim from selection')

      const third = await annotate(hur, 'Washington had spoken of at least 3,000 soldiers')
      const added = await call('claims:addMention', {
        id: claim.id,
        mention: mentionOf(hur, third),
      })
      expect(added.mentions).toEqual([
        mentionOf(pentagon, first.annotation),
        mentionOf(nis, second.annotation),
        mentionOf(hur, third),
      ])
      expect((await registryFile()).claims).toEqual([added])
      expect(await problems()).toEqual([])
    })

    it('refuses unknown annotations and claims; a refused createLinked leaves no annotation', async () => {
      const pentagon = await addArticle(PENTAGON)
      const nis = await addArticle(NIS)
      const claim = claimOf(await select(pentagon, 'mindestens 3.000 Soldaten', { newClaim: true }))
      const registryBefore = await registryBytes()
      const articleBefore = await articleBytes(nis)
      const unknownAnnotation = await refuse('claims:addMention', {
        id: claim.id,
        mention: { articleId: nis, annotationId: 'ghost-annotation' },
      })
      expect(unknownAnnotation).toMatchObject({ code: 'not-found', details: { field: 'mention' } })
      const unknownArticle = await refuse('claims:addMention', {
        id: claim.id,
        mention: { articleId: 'ghost-article', annotationId: 'ghost-annotation' },
      })
      expect(unknownArticle.code).toBe('not-found')
      const mention = await annotate(nis, 'The Pentagon puts the figure at 3,000 soldiers')
      const articleWithAnnotation = await articleBytes(nis)
      expect(articleWithAnnotation).not.toBe(articleBefore)
      const unknownClaim = await refuse('claims:addMention', {
        id: 'ghost-claim',
        mention: mentionOf(nis, mention),
      })
      expect(unknownClaim.code).toBe('not-found')
      const linkedToNothing = await refuse('annotations:createLinked', {
        articleId: nis,
        kind: 'claim',
        ...range(nis, '1,500 elite soldiers'),
        link: { claimId: 'ghost-claim' },
      })
      expect(linkedToNothing.code).toBe('not-found')
      expect(await registryBytes()).toBe(registryBefore)
      expect(await articleBytes(nis)).toBe(articleWithAnnotation)
    })

    it('claims:removeMention drops the mention and keeps the annotation', async () => {
      const pentagon = await addArticle(PENTAGON)
      const hur = await addArticle(HUR)
      const first = await select(pentagon, 'mindestens 3.000 Soldaten', { newClaim: true })
      const claim = claimOf(first)
      const second = await annotate(hur, 'at least 3,000 soldiers')
      await call('claims:addMention', { id: claim.id, mention: mentionOf(hur, second) })
      const removed = await call('claims:removeMention', {
        id: claim.id,
        mention: mentionOf(pentagon, first.annotation),
      })
      expect(removed.mentions).toEqual([mentionOf(hur, second)])
      expect((await registryFile()).claims[0]?.mentions).toEqual([mentionOf(hur, second)])
      const stored = await call('articles:get', { id: pentagon })
      expect(stored.annotations.map((a) => a.id)).toEqual([first.annotation.id])
      expect(await problems()).toEqual([])
    })

    it('adding an already attached mention keeps one copy, in its place', async () => {
      const pentagon = await addArticle(PENTAGON)
      const hur = await addArticle(HUR)
      const first = await select(pentagon, 'mindestens 3.000 Soldaten', { newClaim: true })
      const claim = claimOf(first)
      const second = await annotate(hur, 'at least 3,000 soldiers')
      await call('claims:addMention', { id: claim.id, mention: mentionOf(hur, second) })
      const again = await call('claims:addMention', {
        id: claim.id,
        mention: mentionOf(pentagon, first.annotation),
      })
      expect(again.mentions).toEqual([
        mentionOf(pentagon, first.annotation),
        mentionOf(hur, second),
      ])
    })
  })

  describe('claims:update', () => {
    it('changes statement, sources, date, tags, notes and figures, and keeps the rest', async () => {
      const pentagon = await addArticle(PENTAGON)
      const linked = await select(
        pentagon,
        'Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat',
        { newClaim: true },
      )
      const claim = claimOf(linked)
      const dod = await call('sources:create', { name: 'Pentagon', kind: 'government' })
      const singh = await call('sources:create', { name: 'Sabrina Singh', kind: 'person' })
      const dpa = await call('sources:create', { name: 'dpa', kind: 'media' })
      const troops = await call('tags:create', { name: 'Truppenstärke' })
      const russia = await call('tags:create', { name: 'Russland' })
      const updated = await call('claims:update', {
        id: claim.id,
        // Trimmed, and decomposed umlauts stored composed (NFC).
        statement:
          ' Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt (Scha\u0308tzung) ',
        saidBy: [dod.id, singh.id, dod.id],
        reportedBy: [dpa.id],
        madeOn: '2024-10-23',
        tagIds: [troops.id, russia.id, troops.id],
        notes: 'Sprecherin Singh, Pressekonferenz am Mittwoch. Zahl vorläufig.',
        quantities: [
          {
            value: 3000,
            upper: null,
            qualifier: 'at-least',
            unit: 'Soldaten',
            text: 'mindestens 3.000 Soldaten',
          },
          { value: 2500, upper: 3000, qualifier: 'range', unit: 'Soldaten', text: '2.500–3.000' },
        ],
      })
      expect(updated).toMatchObject({
        id: claim.id,
        statement:
          'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt (Schätzung)',
        saidBy: [dod.id, singh.id],
        reportedBy: [dpa.id],
        madeOn: '2024-10-23',
        tagIds: [troops.id, russia.id],
        mentions: claim.mentions,
        assessments: claim.assessments,
        createdAt: claim.createdAt,
      })
      expect(updated.quantities.map((q) => [q.value, q.upper, q.qualifier, q.unit])).toEqual([
        [3000, null, 'at-least', 'Soldaten'],
        [2500, 3000, 'range', 'Soldaten'],
      ])
      expect(updated.updatedAt >= claim.updatedAt).toBe(true)

      // Fields left out stay as they are; madeOn can be cleared.
      const notesOnly = await call('claims:update', { id: claim.id, notes: '', madeOn: '' })
      expect(notesOnly).toMatchObject({
        statement: updated.statement,
        saidBy: updated.saidBy,
        quantities: updated.quantities,
        notes: '',
        madeOn: '',
      })
      expect((await registryFile()).claims).toEqual([notesOnly])
      expect(await problems()).toEqual([])
    })

    it('refuses unknown sources and tags, empty statements, bad dates and figures', async () => {
      const claim = await call('claims:create', { statement: '12,000 were planned by December' })
      const before = await registryBytes()
      const cases: Array<[unknown, string]> = [
        [{ id: claim.id, saidBy: ['ghost'] }, 'not-found'],
        [{ id: claim.id, reportedBy: ['ghost'] }, 'not-found'],
        [{ id: claim.id, tagIds: ['ghost'] }, 'not-found'],
        [{ id: claim.id, statement: '  ' }, 'invalid-input'],
        [{ id: claim.id, madeOn: '2024-13-40' }, 'invalid-input'],
        [
          {
            id: claim.id,
            quantities: [{ value: 1, upper: null, qualifier: 'roughly', unit: '', text: '' }],
          },
          'invalid-input',
        ],
        [{ id: 'ghost-claim', notes: 'x' }, 'not-found'],
      ]
      for (const [input, code] of cases) {
        expect((await refuse('claims:update', input)).code, JSON.stringify(input)).toBe(code)
      }
      expect(await registryBytes()).toBe(before)
    })
  })

  describe('claims:assess', () => {
    it('keeps every assessment, in order, with who and when', async () => {
      const claim = await call('claims:create', {
        statement: 'Mehr als 10.000 nordkoreanische Soldaten sind in Russland',
      })
      const steps = [
        { status: 'in-progress', credibility: null, rationale: 'Anfrage an HUR gestellt.' },
        { status: 'inconclusive', credibility: '3', rationale: 'Nur eine Quelle.' },
        { status: 'verified', credibility: '2', rationale: 'Von Seoul und Washington gestützt.' },
      ] as const
      let latest = claim
      for (const step of steps) latest = await call('claims:assess', { id: claim.id, ...step })

      expect(latest.assessments.map((a) => [a.status, a.credibility, a.rationale])).toEqual([
        ['unstarted', null, ''],
        ...steps.map((s) => [s.status, s.credibility, s.rationale]),
      ])
      const by = latest.assessments[0]?.by
      expect(by).toBeTruthy()
      for (const assessment of latest.assessments) expect(assessment.by).toBe(by)
      const times = latest.assessments.map((a) => a.at)
      expect(times).toEqual([...times].sort())
      for (const at of times) expect(new Date(at).toISOString()).toBe(at)
      expect(latest.updatedAt).toBe(times.at(-1))
      expect(latest).toMatchObject({ statement: claim.statement, createdAt: claim.createdAt })
      expect((await registryFile()).claims).toEqual([latest])
      expect((await call('history:state', {})).undoLabel).toBe('Assess claim')
    })

    it('records the user name the API was set up with', async () => {
      const claim = await call('claims:create', { statement: '12,000 were planned by December' })
      const assessed = await call('claims:assess', {
        id: claim.id,
        status: 'in-progress',
        credibility: null,
      })
      expect(assessed.assessments.map((a) => a.by)).toEqual([USER, USER])
    })

    it('refuses unknown statuses and credibility grades, writing nothing', async () => {
      const claim = await call('claims:create', { statement: '12,000 were planned by December' })
      const before = await registryBytes()
      const status = await refuse('claims:assess', {
        id: claim.id,
        status: 'debunked',
        credibility: null,
      })
      expect(status).toMatchObject({ code: 'invalid-input', details: { field: 'status' } })
      expect(status.message).toContain('debunked')
      for (const credibility of ['7', '0', 'B', 2]) {
        const error = await refuse('claims:assess', {
          id: claim.id,
          status: 'verified',
          credibility,
        })
        expect(error).toMatchObject({ code: 'invalid-input', details: { fields: ['credibility'] } })
      }
      const noClaim = await refuse('claims:assess', {
        id: 'ghost-claim',
        status: 'verified',
        credibility: '1',
      })
      expect(noClaim.code).toBe('not-found')
      expect(await registryBytes()).toBe(before)
    })

    it('accepts custom statuses; deleting one re-assesses its claims with the replacement', async () => {
      const satellite = await call('statuses:create', {
        label: 'Widerlegt durch Satellitenbilder',
        color: '#AA3300',
      })
      expect(satellite.id).toMatch(/^custom-[a-z0-9-]+$/)
      expect(satellite).toMatchObject({
        label: 'Widerlegt durch Satellitenbilder',
        color: '#aa3300',
      })
      const waiting = await call('statuses:create', {
        label: 'Wartet auf Antwort',
        color: '#1971c2',
      })
      expect(waiting.id).not.toBe(satellite.id)
      // Labels in other scripts still make valid ids; two statuses may share a label.
      for (const label of ['Проверено', 'Wartet auf Antwort']) {
        const made = await call('statuses:create', { label, color: '#5c940d' })
        expect(made.id).toMatch(/^custom-[a-z0-9-]{1,60}$/)
        expect(made.label).toBe(label)
        await undo()
      }

      const current = await call('claims:create', { statement: 'Mehr als 10.000 Soldaten' })
      const earlier = await call('claims:create', { statement: '1.500 Elitesoldaten' })
      const other = await call('claims:create', { statement: 'Mindestens 3.000 Soldaten' })
      await call('claims:assess', { id: current.id, status: satellite.id, credibility: '5' })
      await call('claims:assess', { id: earlier.id, status: satellite.id, credibility: '4' })
      await call('claims:assess', { id: earlier.id, status: 'verified', credibility: '2' })
      await call('claims:assess', { id: other.id, status: waiting.id, credibility: null })
      expect((await call('registry:get', {})).statuses).toEqual([satellite, waiting])
      expect(await problems()).toEqual([])

      const registryBefore = await registryFile()
      await call('statuses:delete', { id: satellite.id, replaceWith: 'false' })
      const file = await registryFile()
      expect(file.statuses).toEqual([waiting])
      const find = (id: string) => file.claims.find((c) => c.id === id)
      const reassessed = find(current.id)
      expect(reassessed?.assessments.map((a) => a.status)).toEqual([
        'unstarted',
        satellite.id,
        'false',
      ])
      expect(reassessed?.assessments.at(-1)).toMatchObject({ status: 'false', credibility: '5' })
      expect(reassessed?.assessments.at(-1)?.rationale).toContain(
        'Widerlegt durch Satellitenbilder',
      )
      // Its history keeps the removed status; only current statuses are replaced.
      expect(find(earlier.id)).toEqual(registryBefore.claims.find((c) => c.id === earlier.id))
      expect(find(other.id)).toEqual(registryBefore.claims.find((c) => c.id === other.id))
      expect(await problems()).toEqual([])

      const gone = await refuse('claims:assess', {
        id: other.id,
        status: satellite.id,
        credibility: null,
      })
      expect(gone.code).toBe('invalid-input')
      // Replaced by another custom status.
      await call('statuses:delete', { id: waiting.id, replaceWith: 'in-progress' })
      expect(
        (await registryFile()).claims.find((c) => c.id === other.id)?.assessments.at(-1),
      ).toMatchObject({ status: 'in-progress', credibility: null })
      expect((await registryFile()).statuses).toEqual([])
    })

    it('refuses deleting built-in or unknown statuses and replacing a status by itself', async () => {
      const status = await call('statuses:create', { label: 'Prüfung läuft', color: '#2f9e44' })
      const before = await registryBytes()
      expect((await refuse('statuses:delete', { id: 'verified', replaceWith: 'false' })).code).toBe(
        'not-found',
      )
      expect(
        (await refuse('statuses:delete', { id: 'custom-nope', replaceWith: 'false' })).code,
      ).toBe('not-found')
      const self = await refuse('statuses:delete', { id: status.id, replaceWith: status.id })
      expect(self).toMatchObject({ code: 'invalid-input', details: { field: 'replaceWith' } })
      const unknown = await refuse('statuses:delete', { id: status.id, replaceWith: 'debunked' })
      expect(unknown.code).toBe('invalid-input')
      expect((await refuse('statuses:create', { label: ' ', color: '#2f9e44' })).code).toBe(
        'invalid-input',
      )
      expect((await refuse('statuses:create', { label: 'Rot', color: 'red' })).code).toBe(
        'invalid-input',
      )
      expect(await registryBytes()).toBe(before)
    })
  })

  describe('relations', () => {
    async function threeClaims() {
      const pentagon = await call('claims:create', {
        statement: 'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt',
      })
      const nis = await call('claims:create', {
        statement: 'North Korea has sent 1,500 elite soldiers to Russia',
      })
      const hur = await call('claims:create', {
        statement: 'More than 10,000 troops from North Korea are already in Russia',
      })
      return { pentagon, nis, hur }
    }

    it('relates claims with every type, shown in registry.json', async () => {
      const { pentagon, nis, hur } = await threeClaims()
      const planned = await call('claims:create', { statement: '12,000 were planned by December' })
      const contradicts = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: hur.id,
        toClaimId: nis.id,
        note: '10.000 gegen 1.500',
      })
      const corroborates = await call('relations:create', {
        type: 'corroborates',
        fromClaimId: pentagon.id,
        toClaimId: nis.id,
      })
      const sameAs = await call('relations:create', {
        type: 'same-as',
        fromClaimId: pentagon.id,
        toClaimId: hur.id,
      })
      const refines = await call('relations:create', {
        type: 'refines',
        fromClaimId: planned.id,
        toClaimId: hur.id,
      })
      const created = [contradicts, corroborates, sameAs, refines]
      expect(created.map((r) => r.type)).toEqual([...RELATION_TYPES])
      expect(contradicts).toMatchObject({
        fromClaimId: hur.id,
        toClaimId: nis.id,
        note: '10.000 gegen 1.500',
      })
      expect(corroborates.note).toBe('')
      expect((await registryFile()).relations).toEqual(created)
      expect(await problems()).toEqual([])
    })

    it('refuses self-relations and unknown claims, and does not duplicate', async () => {
      const { pentagon, nis, hur } = await threeClaims()
      const first = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: hur.id,
        toClaimId: nis.id,
      })
      const before = await registryBytes()
      const self = await refuse('relations:create', {
        type: 'same-as',
        fromClaimId: pentagon.id,
        toClaimId: pentagon.id,
      })
      expect(self).toMatchObject({ code: 'invalid-input', details: { field: 'toClaimId' } })
      const unknown = await refuse('relations:create', {
        type: 'refines',
        fromClaimId: pentagon.id,
        toClaimId: 'ghost-claim',
      })
      expect(unknown.code).toBe('not-found')
      const badType = await refuse('relations:create', {
        type: 'supports',
        fromClaimId: pentagon.id,
        toClaimId: nis.id,
      })
      expect(badType).toMatchObject({ code: 'invalid-input', details: { fields: ['type'] } })

      const again = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: hur.id,
        toClaimId: nis.id,
      })
      expect(again).toEqual(first)
      const reversed = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: nis.id,
        toClaimId: hur.id,
      })
      expect(reversed.id).toBe(first.id)
      expect(await registryBytes()).toBe(before)
      expect((await call('history:state', {})).undoLabel).toBe('Mark claims: contradicts')

      // Another type between the same claims is another relation.
      const refines = await call('relations:create', {
        type: 'refines',
        fromClaimId: hur.id,
        toClaimId: nis.id,
      })
      expect((await registryFile()).relations).toEqual([first, refines])
    })

    it('relations:delete removes one relation; deleting a claim removes its relations', async () => {
      const { pentagon, nis, hur } = await threeClaims()
      const a = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: hur.id,
        toClaimId: nis.id,
      })
      const b = await call('relations:create', {
        type: 'corroborates',
        fromClaimId: pentagon.id,
        toClaimId: nis.id,
      })
      const c = await call('relations:create', {
        type: 'refines',
        fromClaimId: pentagon.id,
        toClaimId: hur.id,
      })
      expect(await call('relations:delete', { id: b.id })).toBeNull()
      expect((await registryFile()).relations).toEqual([a, c])
      expect((await refuse('relations:delete', { id: b.id })).code).toBe('not-found')

      await call('claims:delete', { id: hur.id })
      const file = await registryFile()
      expect(file.relations).toEqual([])
      expect(file.claims.map((x) => x.id)).toEqual([pentagon.id, nis.id])
      expect((await refuse('claims:delete', { id: hur.id })).code).toBe('not-found')
      expect(await problems()).toEqual([])
    })

    it('deleting a claim keeps its annotations and other claims’ relations', async () => {
      const article = await addArticle(HUR)
      const linked = await select(article, 'more than 10,000 troops', { newClaim: true })
      const hur = claimOf(linked)
      const { pentagon, nis } = await threeClaims()
      const kept = await call('relations:create', {
        type: 'contradicts',
        fromClaimId: pentagon.id,
        toClaimId: nis.id,
      })
      await call('relations:create', { type: 'same-as', fromClaimId: hur.id, toClaimId: nis.id })
      await call('claims:delete', { id: hur.id })
      const file = await registryFile()
      expect(file.relations).toEqual([kept])
      expect(file.claims.map((c) => c.id)).not.toContain(hur.id)
      const stored = await call('articles:get', { id: article })
      expect(stored.annotations).toEqual([linked.annotation])
      expect(await problems()).toEqual([])
    })
  })

  describe('claims:similar', () => {
    async function canonicalClaims() {
      const pentagon = await call('claims:create', {
        statement: 'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt',
      })
      const nis = await call('claims:create', {
        statement: 'North Korea has sent 1,500 elite soldiers to Russia',
      })
      const hur = await call('claims:create', {
        statement: 'More than 10,000 troops from North Korea are already in Russia',
      })
      const planned = await call('claims:create', { statement: '12,000 were planned by December' })
      return { pentagon, nis, hur, planned }
    }
    const similar = async (statement: string, excludeId?: string) =>
      (await call('claims:similar', excludeId ? { statement, excludeId } : { statement })).map(
        (s) => ({ id: s.claim.id, score: s.score }),
      )

    it('finds a claim reworded in the same language (word order, inflection, number format)', async () => {
      const { pentagon, nis } = await canonicalClaims()
      const reordered = await similar(
        'Im Oktober verlegte Nordkorea mindestens 3.000 Soldaten nach Russland',
      )
      expect(reordered[0]?.id).toBe(pentagon.id)
      expect(reordered).toHaveLength(1)
      const inflected = await similar(
        'Mindestens 3000 nordkoreanische Soldaten wurden im Oktober nach Russland verlegt',
      )
      expect(inflected.map((s) => s.id)).toEqual([pentagon.id])
      const english = await similar('1,500 elite North Korean soldiers were sent to Russia')
      expect(english.map((s) => s.id)).toEqual([nis.id])
      for (const { score } of [...reordered, ...inflected, ...english]) {
        expect(score).toBeGreaterThan(0)
        expect(score).toBeLessThanOrEqual(1)
      }
      const exact = await similar(nis.statement)
      expect(exact[0]).toEqual({ id: nis.id, score: 1 })
    })

    it('does not offer unrelated claims, and leaves out the claim being edited', async () => {
      const { pentagon, nis } = await canonicalClaims()
      expect(
        await similar('Die Ukraine meldet Stromausfälle in Charkiw nach Drohnenangriffen'),
      ).toEqual([])
      expect(await similar('The Pentagon declined to comment on the budget')).toEqual([])
      expect(await similar('')).toEqual([])
      expect(await similar(nis.statement, nis.id)).toEqual([])
      const withoutSelf = await similar(pentagon.statement, pentagon.id)
      expect(withoutSelf.map((s) => s.id)).not.toContain(pentagon.id)
    })

    it('ranks the closest claim first', async () => {
      const close = await call('claims:create', {
        statement: 'Nordkorea hat mindestens 3.000 Soldaten nach Russland verlegt',
      })
      const closer = await call('claims:create', {
        statement: 'Nordkorea hat im Oktober mindestens 3.000 Soldaten nach Russland verlegt',
      })
      const ranked = await similar(
        'Im Oktober hat Nordkorea mindestens 3.000 Soldaten nach Russland verlegt',
      )
      expect(ranked.map((s) => s.id)).toEqual([closer.id, close.id])
      const [first, second] = ranked
      expect(first && second && first.score > second.score).toBe(true)
    })
  })
})
