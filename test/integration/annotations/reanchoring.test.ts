import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApi } from '../../../main/api'
import type { CallInput } from '../../../shared/api'
import type { Annotation } from '../../../shared/model/annotation'
import { ArticleDocument } from '../../../shared/model/article'
import { ProjectDocument } from '../../../shared/model/project'
import { rangeOf } from '../../helpers/example-articles'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const cpLength = (text: string): number => Array.from(text).length
const cpSlice = (text: string, start: number, end: number): string =>
  Array.from(text).slice(Math.max(0, start), end).join('')

const CLAIM = 'mindestens 3.000 Soldaten'
const TYPO = 'Das Verteidigungsministerim in Seoul bestätigte die Zahl'
const FIXED = 'Das Verteidigungsministerium in Seoul bestätigte die Zahl'
const CHECK = 'Die Angaben lassen sich nicht unabhängig überprüfen.'
const DENIAL = 'weder bestätigt noch dementiert'
const BOILERPLATE =
  'Mehr zum Thema: Kim und Putin unterzeichnen Beistandspakt | Newsletter | © 2024 Rundschau'

const P1 = `Seoul (dpa) 🇰🇷 – Nach Angaben des südkoreanischen Geheimdienstes sind ${CLAIM} aus Nordkorea in Russland eingetroffen.`
const P2 = `${TYPO} am Montag; „wir beobachten die Lage“, hieß es.`
const P3 = `Satellitenbilder zeigen Zelte nahe Ussurijsk. ${CHECK}`
const P4 = `Russland und Nordkorea haben die Berichte bislang ${DENIAL}.`
const BASE = [P1, P2, P3, P4, BOILERPLATE].join('\n\n')

describe('articles:updateText re-anchors annotations (through the main API, on disk)', () => {
  let t: TestApi
  let folder: string

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }

  async function projectFile(): Promise<ProjectDocument> {
    return ProjectDocument.parse(JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')))
  }

  async function onDisk(articleId: string, annotationId: string): Promise<Annotation> {
    const found = (await articleFile(articleId)).annotations.find((a) => a.id === annotationId)
    if (!found) throw new Error(`annotation ${annotationId} is not in the article file`)
    return found
  }

  async function setup(text = BASE) {
    const id = (await call('articles:add', { title: 'Nordkoreas Soldaten', text, language: 'de' }))
      .id
    const annotate = (needle: string, nth = 0) =>
      call('annotations:create', { articleId: id, kind: 'claim', ...rangeOf(text, needle, nth) })
    return { id, annotate }
  }

  /** The annotation must sit on `needle` in `text` with fresh context, as if made there. */
  function expectAt(annotation: Annotation, text: string, needle: string, nth = 0): void {
    const { start, end } = rangeOf(text, needle, nth)
    expect(annotation.orphaned).toBe(false)
    expect(annotation.position).toEqual({ start, end })
    expect(annotation.quote).toEqual({
      exact: needle,
      prefix: cpSlice(text, start - 32, start),
      suffix: cpSlice(text, end, end + 32),
    })
  }

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-reanchor-', projectName: 'Re-anchoring' })
    folder = t.folder
  })
  afterEach(() => t.close())

  it('moves annotations after text inserted before them, by code points, keeping their quotes', async () => {
    const { id, annotate } = await setup()
    const claim = await annotate(CLAIM)
    const denial = await annotate(DENIAL)
    const inserted = 'Eilmeldung 🚨 (aktualisiert 14:05 Uhr) – Kyjiw/Seoul.\n\n'
    const text = inserted + BASE

    const report = await call('articles:updateText', { id, text })
    expect(report).toMatchObject({ anchored: 2, moved: 2, orphaned: 0 })
    expect(report.article.text).toBe(text)

    const shift = cpLength(inserted)
    for (const [before, needle] of [
      [claim, CLAIM],
      [denial, DENIAL],
    ] as const) {
      const after = await onDisk(id, before.id)
      expect(after.quote.exact).toBe(before.quote.exact)
      expect(after.position).toEqual({
        start: before.position.start + shift,
        end: before.position.end + shift,
      })
      expectAt(after, text, needle)
      expect(after).toMatchObject({
        kind: before.kind,
        tagIds: before.tagIds,
        createdAt: before.createdAt,
      })
    }
    expect(report.article.annotations).toEqual((await articleFile(id)).annotations)
    expect((await projectFile()).articles[0]?.characterCount).toBe(cpLength(text))
  })

  it('moves only the annotations after an insertion in the middle', async () => {
    const { id, annotate } = await setup()
    const claim = await annotate(CLAIM)
    const check = await annotate(CHECK)
    const denial = await annotate(DENIAL)
    const text = [P1, P2, 'Ein Foto 📷 zeigt angeblich Uniformen.', P3, P4, BOILERPLATE].join(
      '\n\n',
    )

    const report = await call('articles:updateText', { id, text })
    expect(report).toMatchObject({ anchored: 3, moved: 2, orphaned: 0 })
    expect(await onDisk(id, claim.id)).toEqual(claim)
    expectAt(await onDisk(id, check.id), text, CHECK)
    expectAt(await onDisk(id, denial.id), text, DENIAL)
  })

  it('keeps every annotation exact when boilerplate is removed at the end', async () => {
    const { id, annotate } = await setup()
    const all = [
      await annotate(CLAIM),
      await annotate(TYPO),
      await annotate(CHECK),
      await annotate(DENIAL),
    ]
    const text = [P1, P2, P3, P4].join('\n\n')

    const report = await call('articles:updateText', { id, text })
    expect(report).toMatchObject({ anchored: 4, moved: 0, orphaned: 0 })
    const after = (await articleFile(id)).annotations
    // Annotations whose context is untouched are not rewritten at all, not even their timestamps.
    expect(after.slice(0, 3)).toEqual(all.slice(0, 3))
    // The last one stays in place, but its context is refreshed: its suffix quoted the removed
    // boilerplate, which would mislead the next re-anchoring.
    expect(all[3]?.quote.suffix.startsWith('.\n\nMehr zum Thema')).toBe(true)
    expect(after[3]).toMatchObject({
      position: all[3]?.position,
      quote: { ...all[3]?.quote, suffix: '.' },
    })
  })

  it('follows a typo fixed inside a quote (fuzzy) and refreshes the quote', async () => {
    const { id, annotate } = await setup()
    const claim = await annotate(CLAIM)
    const typo = await annotate(TYPO)
    const check = await annotate(CHECK)
    const text = BASE.replace(TYPO, FIXED)

    const report = await call('articles:updateText', { id, text })
    // The fixed quote and the annotation after it moved; the one before stayed.
    expect(report).toMatchObject({ anchored: 3, moved: 2, orphaned: 0 })
    const followed = await onDisk(id, typo.id)
    expectAt(followed, text, FIXED)
    expect(followed.updatedAt >= typo.updatedAt).toBe(true)
    expect(await onDisk(id, claim.id)).toEqual(claim)
    expectAt(await onDisk(id, check.id), text, CHECK)
  })

  it('orphans an annotation whose sentence was deleted, keeping its old quote, and reports it', async () => {
    const { id, annotate } = await setup()
    const claim = await annotate(CLAIM)
    const check = await annotate(CHECK)
    const denial = await annotate(DENIAL)
    const text = [P1, P2, 'Satellitenbilder zeigen Zelte nahe Ussurijsk.', P4, BOILERPLATE].join(
      '\n\n',
    )

    const report = await call('articles:updateText', { id, text })
    expect(report).toMatchObject({ anchored: 2, moved: 1, orphaned: 1 })
    const orphan = await onDisk(id, check.id)
    expect(orphan.orphaned).toBe(true)
    expect(orphan.quote).toEqual(check.quote)
    expect(orphan.position).toEqual(check.position)
    expect(await onDisk(id, claim.id)).toEqual(claim)
    expectAt(await onDisk(id, denial.id), text, DENIAL)
    expect(
      (await call('annotations:list', { orphanedOnly: true })).map((a) => a.annotation.id),
    ).toEqual([check.id])

    // An orphan is not re-counted by the next edit and keeps its quote for the user to see.
    const next = `${text}\n\nNachtrag: Seoul prüft Waffenlieferungen.`
    expect(await call('articles:updateText', { id, text: next })).toMatchObject({
      anchored: 2,
      moved: 0,
      orphaned: 0,
    })
    expect(await onDisk(id, check.id)).toEqual(orphan)
  })

  describe('a sentence that occurs twice: its context decides', () => {
    const REPEATED = 'Die Angaben lassen sich derzeit nicht unabhängig überprüfen.'
    const SEOUL = 'Das Ministerium in Seoul bestätigte die Zahl am Montag. '
    const MOSCOW = 'Moskau und Pjöngjang schweigen. '
    const CODA = 'Die Bundesregierung zeigte sich besorgt über die Entwicklung.'

    it('stays with its own copy when the other copy is deleted', async () => {
      const text = [P1, SEOUL + REPEATED, MOSCOW + REPEATED, CODA].join('\n\n')
      const { id, annotate } = await setup(text)
      const second = await annotate(REPEATED, 1)
      const edited = [P1, MOSCOW + REPEATED, CODA].join('\n\n')

      const report = await call('articles:updateText', { id, text: edited })
      expect(report).toMatchObject({ anchored: 1, moved: 1, orphaned: 0 })
      const after = await onDisk(id, second.id)
      expectAt(after, edited, REPEATED, 0)
      expect(after.quote.prefix.endsWith(MOSCOW)).toBe(true)
    })

    it('follows its context when one paragraph moves past the other', async () => {
      const text = [P1, SEOUL + REPEATED, MOSCOW + REPEATED, CODA].join('\n\n')
      const { id, annotate } = await setup(text)
      const first = await annotate(REPEATED, 0)
      const second = await annotate(REPEATED, 1)
      const moved = [P1, MOSCOW + REPEATED, CODA, SEOUL + REPEATED].join('\n\n')

      const report = await call('articles:updateText', { id, text: moved })
      expect(report).toMatchObject({ anchored: 2, moved: 2, orphaned: 0 })
      const seoul = await onDisk(id, first.id)
      const moscow = await onDisk(id, second.id)
      expectAt(moscow, moved, REPEATED, 0)
      expect(moscow.quote.prefix.endsWith(MOSCOW)).toBe(true)
      expectAt(seoul, moved, REPEATED, 1)
      expect(seoul.quote.prefix.endsWith('die Zahl am Montag. ')).toBe(true)
    })

    it('follows its context when swapped paragraphs put the other copy on its old position', async () => {
      const text = [P1, SEOUL + REPEATED, MOSCOW + REPEATED, CODA].join('\n\n')
      const { id, annotate } = await setup(text)
      const first = await annotate(REPEATED, 0)
      const second = await annotate(REPEATED, 1)
      const swapped = [P1, MOSCOW + REPEATED, SEOUL + REPEATED, CODA].join('\n\n')
      // The Seoul copy now starts exactly where the annotated Moscow copy started.
      expect(rangeOf(swapped, REPEATED, 1)).toEqual(second.position)

      const report = await call('articles:updateText', { id, text: swapped })
      const seoul = await onDisk(id, first.id)
      const moscow = await onDisk(id, second.id)
      expectAt(seoul, swapped, REPEATED, 1)
      expect(seoul.quote.prefix.endsWith('die Zahl am Montag. ')).toBe(true)
      // Two annotations must not end up on one copy while the other copy has none.
      expect(moscow.position).not.toEqual(seoul.position)
      expectAt(moscow, swapped, REPEATED, 0)
      expect(moscow.quote.prefix.endsWith(MOSCOW)).toBe(true)
      expect(report).toMatchObject({ anchored: 2, moved: 2, orphaned: 0 })
    })
  })

  it('normalises the new text (NFC, \\n) before re-anchoring', async () => {
    const { id, annotate } = await setup()
    const denial = await annotate(DENIAL)
    const crlf = `Vorspann mit Mu\u0308ller.\r\n\r\n${BASE.replace(/\n/g, '\r\n')}`
    const text = `Vorspann mit Müller.\n\n${BASE}`

    const report = await call('articles:updateText', { id, text: crlf })
    expect(report.article.text).toBe(text)
    expect(report).toMatchObject({ anchored: 1, moved: 1, orphaned: 0 })
    expectAt(await onDisk(id, denial.id), text, DENIAL)
  })

  it('refuses empty text and unknown articles, changing nothing', async () => {
    const { id, annotate } = await setup()
    await annotate(CLAIM)
    const before = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    const empty = await refuse('articles:updateText', { id, text: ' \n\t ' })
    expect(empty.code).toBe('invalid-input')
    expect(empty.message).toContain('text')
    expect(await refuse('articles:updateText', { id: 'ghost', text: 'x' })).toMatchObject({
      code: 'not-found',
    })
    expect(await readFile(join(folder, 'articles', `${id}.json`), 'utf8')).toBe(before)
    expect(await call('history:state', {})).toMatchObject({ undoLabel: 'Create claim' })
  })

  it('undo restores the old text, annotations and character count exactly; redo the edit', async () => {
    const { id, annotate } = await setup()
    await annotate(CLAIM)
    await annotate(TYPO)
    await annotate(CHECK)
    await annotate(DENIAL)
    const before = await articleFile(id)
    const countBefore = (await projectFile()).articles[0]?.characterCount
    const text = `Vorab 🚨.\n\n${[P1, P2.replace(TYPO, FIXED), P4].join('\n\n')}`

    const report = await call('articles:updateText', { id, text })
    expect(report).toMatchObject({ anchored: 3, moved: 3, orphaned: 1 })
    const after = await articleFile(id)
    expect(after.text).toBe(text)
    expect((await projectFile()).articles[0]?.characterCount).toBe(cpLength(text))

    expect(await call('history:undo', {})).toMatchObject({ redoLabel: 'Edit article text' })
    const undone = await articleFile(id)
    expect(undone.text).toBe(BASE)
    expect(undone.annotations).toEqual(before.annotations)
    expect((await projectFile()).articles[0]?.characterCount).toBe(countBefore)
    expect((await call('articles:list', {}))[0]?.characterCount).toBe(countBefore)
    expect((await call('articles:get', { id })).annotations).toEqual(before.annotations)

    await call('history:redo', {})
    const redone = await articleFile(id)
    expect(redone.text).toBe(text)
    expect(redone.annotations).toEqual(after.annotations)
    expect((await projectFile()).articles[0]?.characterCount).toBe(cpLength(text))
  })
})

describe('articles:updateMeta (through the main API, on disk)', () => {
  let t: TestApi
  let api: MainApi
  let folder: string

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-meta-', projectName: 'Meta' })
    api = t.api
    folder = t.folder
  })
  afterEach(() => t.close())

  it('updates the article file and the project index alike, leaving text and annotations', async () => {
    const added = await call('articles:add', { title: 'Entwurf', text: BASE })
    const other = await call('articles:add', { title: 'Anderer Artikel', text: P4 })
    const claim = await call('annotations:create', {
      articleId: added.id,
      kind: 'claim',
      ...rangeOf(BASE, CLAIM),
    })

    const summary = await call('articles:updateMeta', {
      id: added.id,
      title: ' Nordkoreas Soldaten in Ru\u0308ckzugsräumen ',
      outlet: 'Rundschau Aktuell',
      authors: ['Anna Berger', ' Jonas Kru\u0308ger '],
      url: 'https://www.rundschau-aktuell.example/ausland/a-8f3c21.html',
      publishedAt: '2024-11-05',
      retrievedAt: '2024-11-06',
      language: 'de',
    })
    const expected = {
      id: added.id,
      title: 'Nordkoreas Soldaten in Rückzugsräumen',
      outlet: 'Rundschau Aktuell',
      authors: ['Anna Berger', 'Jonas Krüger'],
      url: 'https://www.rundschau-aktuell.example/ausland/a-8f3c21.html',
      publishedAt: '2024-11-05',
      retrievedAt: '2024-11-06',
      language: 'de',
      characterCount: cpLength(BASE),
      origin: { kind: 'paste' },
      addedAt: added.addedAt,
    }
    expect(summary).toMatchObject(expected)

    const file = ArticleDocument.parse(
      JSON.parse(await readFile(join(folder, 'articles', `${added.id}.json`), 'utf8')),
    )
    const { characterCount: _count, ...meta } = expected
    expect(file).toMatchObject(meta)
    expect(file.text).toBe(BASE)
    expect(file.annotations).toEqual([claim])
    expect(file.updatedAt).toBe(summary.updatedAt)

    const index = ProjectDocument.parse(
      JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')),
    )
    expect(index.articles).toEqual([summary, other])
    expect(await call('articles:list', {})).toEqual([summary, other])

    // The same after reopening the project.
    await call('projects:close', {})
    await call('projects:open', { folder })
    expect(await call('articles:list', {})).toEqual([summary, other])
    expect(await call('articles:get', { id: added.id })).toMatchObject(meta)
  })

  it('refuses invalid metadata and unknown articles, changing nothing', async () => {
    const added = await call('articles:add', { title: 'Entwurf', text: BASE })
    const valid: CallInput<'articles:updateMeta'> = {
      id: added.id,
      title: 'T',
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      retrievedAt: '',
      language: '',
    }
    const files = async () => [
      await readFile(join(folder, 'project.json'), 'utf8'),
      await readFile(join(folder, 'articles', `${added.id}.json`), 'utf8'),
    ]
    const before = await files()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'ftp://example.org/a' }, 'url'],
      [{ publishedAt: '05.11.2024' }, 'publishedAt'],
      [{ language: 'Deutsch' }, 'language'],
      [{ title: '   ' }, 'title'],
      [{ authors: [''] }, 'authors'],
    ]
    for (const [change, field] of cases) {
      const result = await api.invoke('articles:updateMeta', { ...valid, ...change })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      if (!result.ok) expect(result.error.message).toContain(field)
    }
    expect(await api.invoke('articles:updateMeta', { ...valid, id: 'ghost' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    expect(await files()).toEqual(before)
  })
})
