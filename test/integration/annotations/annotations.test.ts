import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApi } from '../../../main/api'
import type { CallInput } from '../../../shared/api'
import type { Annotation } from '../../../shared/model/annotation'
import { ArticleDocument } from '../../../shared/model/article'
import { rangeOf } from '../../helpers/example-articles'
import { type TestApi, openTestApi } from '../../helpers/test-api'

// Positions are Unicode code points: Array.from splits a string into code points, so every
// expected offset below is computed with it, independently of shared/anchoring.ts.
const points = (text: string): string[] => Array.from(text)
const cpLength = (text: string): number => points(text).length
const cpSlice = (text: string, start: number, end: number): string =>
  points(text).slice(Math.max(0, start), end).join('')

// German with umlauts and „quotes“, Cyrillic, emoji (one of them with a skin-tone modifier,
// i.e. two astral code points) before the selections; the input spells "Müller" decomposed.
const GERMAN_INPUT = [
  'Übung 🎉 an der Grenze: „Wir sind bereit“, sagte Oberst Jürgen Mu\u0308ller.',
  '',
  'Кремль молчит 🤐, während Beobachter 👋🏽 Fragen stellen.',
  '',
  'Nach Angaben des Geheimdienstes sind mindestens 3.000 Soldaten eingetroffen. Die Lage bleibt unübersichtlich.',
].join('\r\n')
const GERMAN = GERMAN_INPUT.normalize('NFC').replace(/\r\n/g, '\n')

const ENGLISH = [
  'Seoul says at least 3,000 North Korean soldiers have arrived in Russia.',
  '',
  'Moscow has neither confirmed nor denied the reports. Analysts urge caution.',
].join('\n')

describe('annotations through the main API (real files in a temp folder)', () => {
  let t: TestApi
  let api: MainApi
  let folder: string

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }

  async function projectFileState() {
    const file = join(folder, 'project.json')
    return { bytes: await readFile(file, 'utf8'), mtimeMs: (await stat(file)).mtimeMs }
  }

  async function addArticle(title: string, text: string, language = ''): Promise<string> {
    return (await call('articles:add', { title, text, language })).id
  }

  async function annotate(
    articleId: string,
    text: string,
    needle: string,
    extra: Partial<CallInput<'annotations:create'>> = {},
  ): Promise<Annotation> {
    return call('annotations:create', {
      articleId,
      kind: 'claim',
      ...rangeOf(text, needle),
      ...extra,
    })
  }

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-annotations-', projectName: 'Annotations' })
    api = t.api
    folder = t.folder
  })
  afterEach(() => t.close())

  describe('annotations:create', () => {
    it('stores the text NFC with \\n, so code point positions refer to the stored text', async () => {
      const id = await addArticle('Grenze', GERMAN_INPUT, 'de')
      const article = await call('articles:get', { id })
      expect(article.text).toBe(GERMAN)
      expect(article.text).toContain('Müller')
      expect(cpLength(article.text)).toBeLessThan(article.text.length)
    })

    it('takes code point positions after umlauts, Cyrillic and emoji, and quotes those code points', async () => {
      const id = await addArticle('Grenze', GERMAN_INPUT, 'de')
      const selected = 'mindestens 3.000 Soldaten'
      const { start, end } = rangeOf(GERMAN, selected)
      // Four astral code points (🎉, 🤐, 👋, 🏽: eight UTF-16 units) come before the selection.
      expect(GERMAN.indexOf(selected) - start).toBe(4)

      const created = await call('annotations:create', {
        articleId: id,
        kind: 'claim',
        start,
        end,
        comment: 'Zahl prüfen',
      })
      expect(created.position).toEqual({ start, end })
      expect(created.quote.exact).toBe(selected)
      expect(created.quote.prefix).toBe(cpSlice(GERMAN, start - 32, start))
      expect(created.quote.suffix).toBe(cpSlice(GERMAN, end, end + 32))
      expect(cpLength(created.quote.prefix)).toBe(32)
      expect(cpLength(created.quote.suffix)).toBe(32)
      expect(created).toMatchObject({
        kind: 'claim',
        orphaned: false,
        tagIds: [],
        comment: 'Zahl prüfen',
      })
      expect(created.createdAt).toBe(created.updatedAt)

      const onDisk = await articleFile(id)
      expect(onDisk.annotations).toEqual([created])
    })

    it('counts an emoji with a skin-tone modifier as two code points in the quote and its context', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      // The prefix of "Fragen stellen" holds 🤐 and 👋🏽: 32 code points but 35 UTF-16 units.
      const stellen = await annotate(id, GERMAN, 'Fragen stellen', { kind: 'note' })
      const { start } = rangeOf(GERMAN, 'Fragen stellen')
      expect(stellen.quote.prefix).toBe(cpSlice(GERMAN, start - 32, start))
      expect(stellen.quote.prefix).toContain('👋🏽')
      expect(cpLength(stellen.quote.prefix)).toBe(32)
      expect(stellen.quote.prefix.length).toBeGreaterThan(32)

      const wave = await annotate(id, GERMAN, '👋🏽', { kind: 'entity' })
      expect(wave.quote.exact).toBe('👋🏽')
      expect(wave.position.end - wave.position.start).toBe(2)

      // Selecting only the skin-tone modifier quotes exactly that code point, no broken halves.
      const modifierStart = rangeOf(GERMAN, '🏽').start
      const modifier = await call('annotations:create', {
        articleId: id,
        kind: 'note',
        start: modifierStart,
        end: modifierStart + 1,
      })
      expect(modifier.quote.exact).toBe('🏽')
      expect(modifier.quote.suffix.startsWith(' Fragen')).toBe(true)
      expect(modifier.quote.prefix.endsWith('👋')).toBe(true)

      const quoted = await annotate(id, GERMAN, '„Wir sind bereit“', { kind: 'source' })
      expect(quoted.quote.exact).toBe('„Wir sind bereit“')
      expect(quoted.quote.prefix).toBe('Übung 🎉 an der Grenze: ')
      expect(quoted.position).toEqual({ start: 23, end: 40 })

      const cyrillic = await annotate(id, GERMAN, 'Кремль молчит', { kind: 'entity' })
      expect(cyrillic.quote.exact).toBe('Кремль молчит')

      // Annotations are stored in text order, whatever order they were made in.
      const onDisk = await articleFile(id)
      expect(onDisk.annotations.map((a) => a.id)).toEqual(
        [quoted, cyrillic, wave, modifier, stellen].map((a) => a.id),
      )
    })

    it('keeps shorter context at the edges of the text', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const first = await annotate(id, GERMAN, 'Übung')
      expect(first.position).toEqual({ start: 0, end: 5 })
      expect(first.quote.prefix).toBe('')
      expect(first.quote.suffix).toBe(cpSlice(GERMAN, 5, 37))

      const length = cpLength(GERMAN)
      const last = await call('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: length - 'unübersichtlich.'.length,
        end: length,
      })
      expect(last.quote.exact).toBe('unübersichtlich.')
      expect(last.quote.suffix).toBe('')
      expect(cpLength(last.quote.prefix)).toBe(32)

      const whole = await call('annotations:create', {
        articleId: id,
        kind: 'note',
        start: 0,
        end: length,
      })
      expect(whole.quote).toEqual({ exact: GERMAN, prefix: '', suffix: '' })
    })

    it('refuses selections outside the text, empty or reversed, and whitespace-only ones', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const before = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
      const length = cpLength(GERMAN)

      // One past the end in code points is still inside in UTF-16 units: must be refused.
      const beyond = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: length - 3,
        end: length + 1,
      })
      expect(beyond.code).toBe('invalid-input')
      expect(beyond.message).toContain(String(length))
      expect(beyond.message).toMatch(/selection/i)

      const empty = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: 7,
        end: 7,
      })
      expect(empty.code).toBe('invalid-input')
      expect(empty.message).toMatch(/selection/i)

      const reversed = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: 9,
        end: 4,
      })
      expect(reversed.code).toBe('invalid-input')
      expect(reversed.message).toMatch(/selection/i)

      const paragraphBreak = rangeOf(GERMAN, '\n\n')
      const blank = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        ...paragraphBreak,
      })
      expect(blank).toMatchObject({ code: 'invalid-input' })
      expect(blank.message).toMatch(/spaces/)

      const space = rangeOf(GERMAN, ' ')
      expect(
        await refuse('annotations:create', { articleId: id, kind: 'claim', ...space }),
      ).toMatchObject({ code: 'invalid-input' })

      const negative = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: -1,
        end: 3,
      })
      expect(negative.code).toBe('invalid-input')
      expect(negative.message).toContain('start')

      const fractional = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        start: 1.5,
        end: 3,
      })
      expect(fractional.code).toBe('invalid-input')
      expect(fractional.message).toContain('start')

      const badKind = await refuse('annotations:create', {
        articleId: id,
        kind: 'rumour',
        start: 0,
        end: 3,
      })
      expect(badKind.code).toBe('invalid-input')
      expect(badKind.message).toContain('kind')

      expect(await readFile(join(folder, 'articles', `${id}.json`), 'utf8')).toBe(before)
    })

    it('refuses unknown tag ids and unknown articles, writing nothing', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const before = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
      const tag = await call('tags:create', { name: 'Zahl' })
      const unknown = await refuse('annotations:create', {
        articleId: id,
        kind: 'claim',
        ...rangeOf(GERMAN, 'Oberst'),
        tagIds: [tag.id, 'no-such-tag'],
      })
      expect(unknown.code).toBe('not-found')
      expect(unknown.message).toContain('no-such-tag')
      expect(unknown.message).not.toContain(tag.id)

      const noArticle = await refuse('annotations:create', {
        articleId: 'no-such-article',
        kind: 'claim',
        start: 0,
        end: 3,
      })
      expect(noArticle.code).toBe('not-found')
      expect(noArticle.message).toContain('no-such-article')

      expect(await readFile(join(folder, 'articles', `${id}.json`), 'utf8')).toBe(before)
      expect(await call('annotations:list', {})).toEqual([])
    })

    it('stores each tag once when the same id is given twice', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const tag = await call('tags:create', { name: 'Zahl' })
      const created = await annotate(id, GERMAN, '3.000', { tagIds: [tag.id, tag.id] })
      expect(created.tagIds).toEqual([tag.id])
    })
  })

  describe('annotations:update and annotations:delete', () => {
    it('changes kind, tags and comment independently and writes each change to the article file', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const zahl = await call('tags:create', { name: 'Zahl' })
      const quelle = await call('tags:create', { name: 'Quelle' })
      const created = await annotate(id, GERMAN, 'mindestens 3.000 Soldaten', { tagIds: [zahl.id] })

      const kind = await call('annotations:update', {
        articleId: id,
        id: created.id,
        kind: 'evidence',
      })
      expect(kind).toMatchObject({ kind: 'evidence', tagIds: [zahl.id], comment: '' })
      expect((await articleFile(id)).annotations).toEqual([kind])

      const tags = await call('annotations:update', {
        articleId: id,
        id: created.id,
        tagIds: [quelle.id, zahl.id, quelle.id],
      })
      expect(tags).toMatchObject({ kind: 'evidence', tagIds: [quelle.id, zahl.id], comment: '' })
      expect((await articleFile(id)).annotations).toEqual([tags])

      const comment = await call('annotations:update', {
        articleId: id,
        id: created.id,
        comment: 'Laut „Yonhap“ sogar 👀 mehr',
      })
      expect(comment).toMatchObject({
        kind: 'evidence',
        tagIds: [quelle.id, zahl.id],
        comment: 'Laut „Yonhap“ sogar 👀 mehr',
      })
      // The quote, position and identity never change on an edit.
      expect(comment).toMatchObject({
        id: created.id,
        quote: created.quote,
        position: created.position,
        createdAt: created.createdAt,
      })
      expect(Date.parse(comment.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt))
      expect((await articleFile(id)).annotations).toEqual([comment])

      const cleared = await call('annotations:update', {
        articleId: id,
        id: created.id,
        tagIds: [],
      })
      expect(cleared.tagIds).toEqual([])
      expect((await articleFile(id)).annotations).toEqual([cleared])
    })

    it('refuses unknown tags, unknown annotations and a wrong article, changing nothing', async () => {
      const first = await addArticle('Grenze', GERMAN, 'de')
      const second = await addArticle('Seoul', ENGLISH, 'en')
      const created = await annotate(first, GERMAN, 'Oberst')
      const before = await readFile(join(folder, 'articles', `${first}.json`), 'utf8')

      const badTag = await refuse('annotations:update', {
        articleId: first,
        id: created.id,
        tagIds: ['ghost'],
      })
      expect(badTag).toMatchObject({ code: 'not-found' })
      expect(badTag.message).toContain('ghost')

      const noSuch = await refuse('annotations:update', {
        articleId: first,
        id: 'ghost',
        comment: 'x',
      })
      expect(noSuch.code).toBe('not-found')
      expect(noSuch.message).toContain('ghost')

      // The annotation lives in the first article, not in the second.
      expect(
        await refuse('annotations:update', { articleId: second, id: created.id, comment: 'x' }),
      ).toMatchObject({ code: 'not-found' })
      expect(
        await refuse('annotations:delete', { articleId: second, id: created.id }),
      ).toMatchObject({
        code: 'not-found',
      })
      expect(
        await refuse('annotations:update', { articleId: first, id: created.id, kind: 'gossip' }),
      ).toMatchObject({ code: 'invalid-input' })

      expect(await readFile(join(folder, 'articles', `${first}.json`), 'utf8')).toBe(before)
    })

    it('deletes from the article file and refuses a second delete', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const keep = await annotate(id, GERMAN, 'Oberst')
      const drop = await annotate(id, GERMAN, 'Кремль')
      expect((await articleFile(id)).annotations.map((a) => a.id)).toEqual([keep.id, drop.id])

      expect(await call('annotations:delete', { articleId: id, id: drop.id })).toBeNull()
      expect((await articleFile(id)).annotations).toEqual([keep])
      const again = await refuse('annotations:delete', { articleId: id, id: drop.id })
      expect(again.code).toBe('not-found')
      expect(again.message).toContain(drop.id)
      expect((await call('annotations:list', {})).map((a) => a.annotation.id)).toEqual([keep.id])
    })

    it('never rewrites project.json for an annotation change', async () => {
      const id = await addArticle('Grenze', GERMAN, 'de')
      const tag = await call('tags:create', { name: 'Zahl' })
      const before = await projectFileState()
      // Let a rewrite show in the modification time even on coarse file systems.
      await new Promise((resolve) => setTimeout(resolve, 30))

      const created = await annotate(id, GERMAN, '3.000', { tagIds: [tag.id] })
      expect(await projectFileState()).toEqual(before)
      await call('annotations:update', {
        articleId: id,
        id: created.id,
        comment: 'prüfen',
        kind: 'note',
      })
      expect(await projectFileState()).toEqual(before)
      await call('annotations:list', { tagIds: [tag.id] })
      await call('tags:list', {})
      await call('annotations:delete', { articleId: id, id: created.id })
      expect(await projectFileState()).toEqual(before)
      expect((await articleFile(id)).annotations).toEqual([])
    })
  })

  describe('concurrent calls on one article', () => {
    /** Every annotation that is not an orphan quotes exactly the code points at its position. */
    function expectConsistent(doc: ArticleDocument): void {
      for (const a of doc.annotations.filter((x) => !x.orphaned)) {
        expect(cpSlice(doc.text, a.position.start, a.position.end), a.id).toBe(a.quote.exact)
      }
    }

    for (const order of ['create first', 'edit first'] as const) {
      it(`never loses or misplaces an annotation made during a text edit (${order})`, async () => {
        const id = await addArticle('Seoul', ENGLISH, 'en')
        const create = () =>
          api.invoke('annotations:create', {
            articleId: id,
            kind: 'claim',
            ...rangeOf(ENGLISH, 'North Korean soldiers'),
          })
        const edit = () =>
          api.invoke('articles:updateText', { id, text: `Breaking news 🚨.\n\n${ENGLISH}` })
        const [created] =
          order === 'create first'
            ? await Promise.all([create(), edit()])
            : await Promise.all([edit(), create()]).then(([e, c]) => [c, e] as const)

        const doc = await articleFile(id)
        expectConsistent(doc)
        // The renderer was told the annotation exists: so must the file say.
        if (created.ok) {
          const { id: annotationId } = created.value as Annotation
          expect(doc.annotations.map((a) => a.id)).toContain(annotationId)
        }
      })
    }
  })

  describe('annotations:list', () => {
    it('filters by kinds, tags, article and orphans across two articles, in article then text order', async () => {
      const de = await addArticle('Grenze', GERMAN, 'de')
      const en = await addArticle('Seoul', ENGLISH, 'en')
      const zahl = await call('tags:create', { name: 'Zahl' })
      const ort = await call('tags:create', { name: 'Ort' })

      // Made out of text order on purpose.
      const deEvidence = await annotate(de, GERMAN, 'mindestens 3.000 Soldaten', {
        kind: 'evidence',
        tagIds: [zahl.id, ort.id],
      })
      const deClaim = await annotate(de, GERMAN, '„Wir sind bereit“', {
        kind: 'claim',
        tagIds: [zahl.id],
      })
      const deSource = await annotate(de, GERMAN, 'Кремль', { kind: 'source', tagIds: [ort.id] })
      const enNote = await annotate(en, ENGLISH, 'Analysts urge caution.', { kind: 'note' })
      const enClaim = await annotate(en, ENGLISH, 'at least 3,000 North Korean soldiers', {
        kind: 'claim',
        tagIds: [zahl.id],
      })
      const enOrphan = await annotate(en, ENGLISH, 'neither confirmed nor denied', {
        kind: 'claim',
      })

      const ids = async (filter: CallInput<'annotations:list'>) =>
        (await call('annotations:list', filter)).map((a) => a.annotation.id)

      const all = await call('annotations:list', {})
      expect(all.map((a) => a.annotation.id)).toEqual([
        deClaim.id,
        deSource.id,
        deEvidence.id,
        enClaim.id,
        enOrphan.id,
        enNote.id,
      ])
      expect(all.map((a) => a.articleTitle)).toEqual([
        'Grenze',
        'Grenze',
        'Grenze',
        'Seoul',
        'Seoul',
        'Seoul',
      ])
      expect(all.map((a) => a.articleId)).toEqual([de, de, de, en, en, en])

      expect(await ids({ kinds: ['claim'] })).toEqual([deClaim.id, enClaim.id, enOrphan.id])
      expect(await ids({ kinds: ['note', 'source'] })).toEqual([deSource.id, enNote.id])
      expect(await ids({ tagIds: [zahl.id] })).toEqual([deClaim.id, deEvidence.id, enClaim.id])
      expect(await ids({ tagIds: [ort.id, zahl.id] })).toEqual([
        deClaim.id,
        deSource.id,
        deEvidence.id,
        enClaim.id,
      ])
      expect(await ids({ kinds: ['claim'], tagIds: [ort.id] })).toEqual([])
      expect(await ids({ kinds: ['evidence'], tagIds: [ort.id] })).toEqual([deEvidence.id])
      expect(await ids({ articleId: en })).toEqual([enClaim.id, enOrphan.id, enNote.id])
      expect(await ids({ articleId: en, kinds: ['claim'], tagIds: [zahl.id] })).toEqual([
        enClaim.id,
      ])
      expect(await ids({ orphanedOnly: true })).toEqual([])

      // Deleting the annotated sentence orphans its annotation.
      const edit = await call('articles:updateText', {
        id: en,
        text: ENGLISH.replace('Moscow has neither confirmed nor denied the reports. ', ''),
      })
      expect(edit.orphaned).toBe(1)
      expect(await ids({ orphanedOnly: true })).toEqual([enOrphan.id])
      expect(await ids({ orphanedOnly: true, articleId: de })).toEqual([])
      expect(await ids({ orphanedOnly: true, kinds: ['note'] })).toEqual([])
      expect(await ids({ orphanedOnly: true, kinds: ['claim'] })).toEqual([enOrphan.id])
      const [orphan] = await call('annotations:list', { orphanedOnly: true })
      expect(orphan?.annotation).toMatchObject({ orphaned: true, quote: enOrphan.quote })
    })

    it('reads the annotations back from the article files after the project is reopened', async () => {
      const de = await addArticle('Grenze', GERMAN, 'de')
      const en = await addArticle('Seoul', ENGLISH, 'en')
      const zahl = await call('tags:create', { name: 'Zahl' })
      const a = await annotate(de, GERMAN, '3.000 Soldaten', { tagIds: [zahl.id] })
      const b = await annotate(en, ENGLISH, '3,000', { tagIds: [zahl.id], kind: 'evidence' })
      const before = await call('annotations:list', {})

      await call('projects:close', {})
      await call('projects:open', { folder })
      expect(await call('annotations:list', {})).toEqual(before)
      expect(
        (await call('annotations:list', { kinds: ['evidence'] })).map((x) => x.annotation.id),
      ).toEqual([b.id])
      expect((await call('tags:list', {})).map((t) => [t.name, t.count])).toEqual([['Zahl', 2]])
      expect((await articleFile(de)).annotations).toEqual([a])
    })

    it('refuses unknown kinds and malformed ids in the filter', async () => {
      expect(await refuse('annotations:list', { kinds: ['rumour'] })).toMatchObject({
        code: 'invalid-input',
      })
      const traversal = await refuse('annotations:list', { articleId: '../project' })
      expect(traversal.code).toBe('invalid-input')
      expect(traversal.message).toContain('articleId')
    })
  })
})
