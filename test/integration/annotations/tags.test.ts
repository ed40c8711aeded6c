import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApi } from '../../../main/api'
import type { Annotation } from '../../../shared/model/annotation'
import { ArticleDocument } from '../../../shared/model/article'
import { ProjectDocument } from '../../../shared/model/project'
import { type Tag, TAG_PALETTE } from '../../../shared/model/tag'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const FIRST = [
  'Nach Angaben südkoreanischer Geheimdienste sind mindestens 3.000 Soldaten in Russland.',
  '',
  'Ein Sprecher in Seoul sagte, man beobachte die Lage „sehr genau“.',
  '',
  'Moskau hat die Berichte weder bestätigt noch dementiert.',
].join('\n')
const SECOND = [
  'Розвідка повідомила, що щонайменше три тисячі військових КНДР прибули до Курської області.',
  '',
  'Представник НАТО назвав це «значною ескалацією».',
].join('\n')

/** Code point range of `needle` (Array.from counts code points). */
function rangeOf(text: string, needle: string): { start: number; end: number } {
  const unit = text.indexOf(needle)
  if (unit < 0) throw new Error(`test setup: "${needle}" is not in the text`)
  const start = Array.from(text.slice(0, unit)).length
  return { start, end: start + Array.from(needle).length }
}

describe('tags through the main API (real files in a temp folder)', () => {
  let t: TestApi
  let api: MainApi
  let folder: string
  let first: string
  let second: string

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }

  async function projectFile(): Promise<ProjectDocument> {
    return ProjectDocument.parse(JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')))
  }

  const tag = (name: string, parentId: string | null = null, color?: string): Promise<Tag> =>
    call('tags:create', color === undefined ? { name, parentId } : { name, parentId, color })

  async function annotate(
    articleId: string,
    needle: string,
    tagIds: string[],
  ): Promise<Annotation> {
    const text = articleId === first ? FIRST : SECOND
    return call('annotations:create', {
      articleId,
      kind: 'claim',
      ...rangeOf(text, needle),
      tagIds,
    })
  }

  /** Tag ids of every annotation on disk, by annotation id. */
  async function tagIdsOnDisk(): Promise<Record<string, string[]>> {
    const result: Record<string, string[]> = {}
    for (const id of [first, second]) {
      for (const a of (await articleFile(id)).annotations) result[a.id] = a.tagIds
    }
    return result
  }

  async function counts(): Promise<Record<string, number>> {
    return Object.fromEntries((await call('tags:list', {})).map((t) => [t.name, t.count]))
  }

  async function tagsByName(): Promise<Record<string, Tag>> {
    return Object.fromEntries((await projectFile()).tags.map((t) => [t.name, t]))
  }

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-tags-', projectName: 'Codebook' })
    api = t.api
    folder = t.folder
    first = (await call('articles:add', { title: 'Soldaten', text: FIRST, language: 'de' })).id
    second = (await call('articles:add', { title: 'Курщина', text: SECOND, language: 'uk' })).id
  })
  afterEach(() => t.close())

  describe('tags:create', () => {
    it('builds a hierarchy with palette colours by default and stores it in project.json', async () => {
      const militaer = await tag(' Militär ')
      expect(militaer).toMatchObject({
        name: 'Militär',
        parentId: null,
        description: '',
        color: TAG_PALETTE[0],
      })
      const truppen = await tag('Truppen', militaer.id)
      expect(truppen).toMatchObject({ parentId: militaer.id, color: TAG_PALETTE[1] })
      const wirtschaft = await call('tags:create', {
        name: 'Wirtschaft',
        color: '#ABCDEF',
        description: 'Sanktionen, Handel',
      })
      expect(wirtschaft).toMatchObject({ color: '#abcdef', description: 'Sanktionen, Handel' })

      const stored = (await projectFile()).tags
      expect(stored).toEqual([militaer, truppen, wirtschaft])
      expect(await call('tags:list', {})).toEqual(stored.map((t) => ({ ...t, count: 0 })))
    })

    it('refuses a duplicate name at the same level (ignoring case) but allows it under another parent', async () => {
      const militaer = await tag('Militär')
      const wirtschaft = await tag('Wirtschaft')
      const truppen = await tag('Truppen', militaer.id)

      const rootClash = await refuse('tags:create', { name: 'MILITÄR' })
      expect(rootClash.code).toBe('invalid-input')
      expect(rootClash.message).toContain('Militär')
      expect(rootClash.message).toContain('already exists')
      expect(rootClash.details).toMatchObject({ field: 'name' })

      const childClash = await refuse('tags:create', { name: ' truppen ', parentId: militaer.id })
      expect(childClash.code).toBe('invalid-input')
      expect(childClash.message).toContain('Truppen')

      const elsewhere = await tag('Truppen', wirtschaft.id)
      expect(elsewhere.parentId).toBe(wirtschaft.id)
      // A root tag may share its name with a sub-tag.
      const rootTruppen = await tag('Truppen')
      expect(rootTruppen.parentId).toBeNull()

      expect((await projectFile()).tags.map((t) => t.id)).toEqual([
        militaer.id,
        wirtschaft.id,
        truppen.id,
        elsewhere.id,
        rootTruppen.id,
      ])
    })

    it('refuses a name that differs from an existing one only in Unicode normalisation', async () => {
      const composed = await tag('Übersicht')
      // "U" + combining diaeresis: the same name as typed on some keyboards (macOS file names).
      const decomposed = await api.invoke('tags:create', { name: 'U\u0308bersicht' })
      expect(decomposed).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      expect((await projectFile()).tags).toEqual([composed])
    })

    it('refuses an unknown parent, an empty name and a bad colour', async () => {
      expect(await refuse('tags:create', { name: 'X', parentId: 'ghost' })).toMatchObject({
        code: 'not-found',
      })
      const empty = await refuse('tags:create', { name: '   ' })
      expect(empty.code).toBe('invalid-input')
      expect(empty.message).toContain('name')
      const colour = await refuse('tags:create', { name: 'Rot', color: 'red' })
      expect(colour.code).toBe('invalid-input')
      expect(colour.message).toContain('color')
      expect((await projectFile()).tags).toEqual([])
    })
  })

  describe('tags:update', () => {
    it('renames, recolours and moves, writing project.json', async () => {
      const militaer = await tag('Militär')
      const wirtschaft = await tag('Wirtschaft')
      const truppen = await call('tags:create', {
        name: 'Truppen',
        parentId: militaer.id,
        description: 'Bodentruppen',
      })

      const renamed = await call('tags:update', { id: truppen.id, name: 'Soldaten' })
      expect(renamed).toMatchObject({
        id: truppen.id,
        name: 'Soldaten',
        parentId: militaer.id,
        color: truppen.color,
        description: 'Bodentruppen',
        createdAt: truppen.createdAt,
      })
      expect((await tagsByName())['Soldaten']).toEqual(renamed)

      const recoloured = await call('tags:update', { id: truppen.id, color: '#00FF00' })
      expect(recoloured).toMatchObject({ name: 'Soldaten', color: '#00ff00' })
      expect((await tagsByName())['Soldaten']?.color).toBe('#00ff00')

      const moved = await call('tags:update', { id: truppen.id, parentId: wirtschaft.id })
      expect(moved).toMatchObject({ name: 'Soldaten', color: '#00ff00', parentId: wirtschaft.id })
      const toRoot = await call('tags:update', { id: truppen.id, parentId: null })
      expect(toRoot.parentId).toBeNull()
      expect((await projectFile()).tags.map((t) => [t.name, t.parentId])).toEqual([
        ['Militär', null],
        ['Wirtschaft', null],
        ['Soldaten', null],
      ])

      // Renaming to its own name in another case is not a clash with itself.
      expect((await call('tags:update', { id: truppen.id, name: 'SOLDATEN' })).name).toBe(
        'SOLDATEN',
      )
    })

    it('refuses cycles, clashes at the target level and unknown tags, changing nothing', async () => {
      const militaer = await tag('Militär')
      const truppen = await tag('Truppen', militaer.id)
      const infanterie = await tag('Infanterie', truppen.id)
      const wirtschaft = await tag('Wirtschaft')
      const wTruppen = await tag('Truppen', wirtschaft.id)
      const before = await readFile(join(folder, 'project.json'), 'utf8')

      for (const parentId of [militaer.id, truppen.id, infanterie.id]) {
        const cycle = await refuse('tags:update', { id: militaer.id, parentId })
        expect(cycle.code).toBe('invalid-input')
        expect(cycle.message).toContain('inside itself')
      }
      expect(
        await refuse('tags:update', { id: truppen.id, parentId: infanterie.id }),
      ).toMatchObject({
        code: 'invalid-input',
      })

      // Moving "Truppen" under "Wirtschaft", which has a "Truppen" already.
      const clash = await refuse('tags:update', { id: truppen.id, parentId: wirtschaft.id })
      expect(clash.code).toBe('invalid-input')
      expect(clash.message).toContain('Truppen')
      const renameClash = await refuse('tags:update', {
        id: wTruppen.id,
        name: 'wirtschaft',
        parentId: null,
      })
      expect(renameClash.code).toBe('invalid-input')

      expect(await refuse('tags:update', { id: 'ghost', name: 'X' })).toMatchObject({
        code: 'not-found',
      })
      expect(await refuse('tags:update', { id: truppen.id, parentId: 'ghost' })).toMatchObject({
        code: 'not-found',
      })
      expect(await readFile(join(folder, 'project.json'), 'utf8')).toBe(before)

      // A legal move deep into another branch is fine.
      expect(
        (await call('tags:update', { id: infanterie.id, parentId: wTruppen.id })).parentId,
      ).toBe(wTruppen.id)
    })
  })

  it('counts the annotations per tag across both articles, kept current by every change', async () => {
    const zahl = await tag('Zahl')
    const ort = await tag('Ort')
    const zitat = await tag('Zitat')
    const a1 = await annotate(first, 'mindestens 3.000 Soldaten', [zahl.id])
    const a2 = await annotate(first, '„sehr genau“', [zahl.id, zitat.id])
    await annotate(second, 'щонайменше три тисячі', [zahl.id])
    const b2 = await annotate(second, 'Курської області', [ort.id, zitat.id])
    expect(await counts()).toEqual({ Zahl: 3, Ort: 1, Zitat: 2 })
    expect((await call('tags:list', {})).map((t) => t.name)).toEqual(['Zahl', 'Ort', 'Zitat'])

    await call('annotations:update', { articleId: first, id: a2.id, tagIds: [ort.id] })
    expect(await counts()).toEqual({ Zahl: 2, Ort: 2, Zitat: 1 })
    await call('annotations:delete', { articleId: second, id: b2.id })
    expect(await counts()).toEqual({ Zahl: 2, Ort: 1, Zitat: 0 })
    await call('annotations:update', { articleId: first, id: a1.id, kind: 'evidence' })
    expect(await counts()).toEqual({ Zahl: 2, Ort: 1, Zitat: 0 })

    // The same counts come from the files after reopening (the index is rebuilt from disk).
    await call('projects:close', {})
    await call('projects:open', { folder })
    expect(await counts()).toEqual({ Zahl: 2, Ort: 1, Zitat: 0 })
  })

  describe('tags:merge', () => {
    it('moves every annotation to the target without duplicates and re-parents the children', async () => {
      const quelle = await tag('Quelle')
      const geheimdienst = await tag('Geheimdienst', quelle.id)
      const suedkorea = await tag('Südkorea', geheimdienst.id)
      const behoerde = await tag('Behörde', quelle.id)
      const ort = await tag('Ort')

      const a1 = await annotate(first, 'südkoreanischer Geheimdienste', [geheimdienst.id])
      const a2 = await annotate(first, 'Ein Sprecher in Seoul', [
        ort.id,
        geheimdienst.id,
        behoerde.id,
      ])
      const a3 = await annotate(first, 'Moskau', [behoerde.id])
      const b1 = await annotate(second, 'Розвідка', [geheimdienst.id, ort.id])
      const b2 = await annotate(second, 'Представник НАТО', [ort.id])
      expect(await counts()).toMatchObject({ Geheimdienst: 3, Behörde: 2 })

      const target = await call('tags:merge', { sourceId: geheimdienst.id, targetId: behoerde.id })
      expect(target).toEqual(behoerde)

      expect(await tagIdsOnDisk()).toEqual({
        [a1.id]: [behoerde.id],
        [a2.id]: [ort.id, behoerde.id],
        [a3.id]: [behoerde.id],
        [b1.id]: [behoerde.id, ort.id],
        [b2.id]: [ort.id],
      })
      const stored = await projectFile()
      expect(stored.tags.map((t) => t.id)).not.toContain(geheimdienst.id)
      expect(stored.tags.find((t) => t.id === suedkorea.id)?.parentId).toBe(behoerde.id)
      // Geheimdienst 3 + Behörde 2 − 1 annotation that carried both.
      expect(await counts()).toEqual({ Quelle: 0, Südkorea: 0, Behörde: 4, Ort: 3 })
      expect(await call('annotations:list', { tagIds: [geheimdienst.id] })).toEqual([])
      expect((await call('annotations:list', { tagIds: [behoerde.id] })).length).toBe(4)
    })

    it('refuses merging a tag into itself, into its own sub-tag, or unknown tags', async () => {
      const quelle = await tag('Quelle')
      const geheimdienst = await tag('Geheimdienst', quelle.id)
      await annotate(first, 'Moskau', [quelle.id])
      const before = await readFile(join(folder, 'project.json'), 'utf8')

      const self = await refuse('tags:merge', { sourceId: quelle.id, targetId: quelle.id })
      expect(self.code).toBe('invalid-input')
      expect(self.message).toContain('two different tags')
      expect(
        await refuse('tags:merge', { sourceId: quelle.id, targetId: geheimdienst.id }),
      ).toMatchObject({
        code: 'invalid-input',
      })
      expect(await refuse('tags:merge', { sourceId: 'ghost', targetId: quelle.id })).toMatchObject({
        code: 'not-found',
      })
      expect(await refuse('tags:merge', { sourceId: quelle.id, targetId: 'ghost' })).toMatchObject({
        code: 'not-found',
      })
      expect(await readFile(join(folder, 'project.json'), 'utf8')).toBe(before)
      expect(await counts()).toEqual({ Quelle: 1, Geheimdienst: 0 })
    })

    it('keeps sibling names unique when re-parented children meet a namesake', async () => {
      const quelle = await tag('Quelle')
      const behoerde = await tag('Behörde')
      const sourceChild = await tag('Russland', quelle.id)
      const targetChild = await tag('Russland', behoerde.id)
      await annotate(first, 'Moskau', [sourceChild.id])

      const merged = await api.invoke('tags:merge', { sourceId: quelle.id, targetId: behoerde.id })
      // Either refused, or done without two "Russland" under "Behörde".
      if (merged.ok) {
        const siblings = (await projectFile()).tags.filter((t) => t.parentId === behoerde.id)
        // Whatever remains can still be edited (a recolour re-checks the name at its level).
        for (const t of siblings) {
          expect(await api.invoke('tags:update', { id: t.id, color: '#123456' })).toMatchObject({
            ok: true,
          })
        }
        const names = siblings.map((t) => t.name.toLocaleLowerCase())
        expect(new Set(names).size).toBe(names.length)
      } else {
        expect(merged.error.code).toBe('invalid-input')
        expect((await projectFile()).tags.map((t) => t.id)).toEqual([
          quelle.id,
          behoerde.id,
          sourceChild.id,
          targetChild.id,
        ])
      }
    })
  })

  describe('tags:delete', () => {
    /** Root "Quelle" > "Behörde" > ("Ministerium", "Armee"); "Ort" beside; five annotations. */
    async function codebook() {
      const quelle = await tag('Quelle')
      const behoerde = await tag('Behörde', quelle.id)
      const ministerium = await tag('Ministerium', behoerde.id)
      const armee = await tag('Armee', behoerde.id)
      const ort = await tag('Ort')
      const a1 = await annotate(first, 'südkoreanischer Geheimdienste', [behoerde.id])
      const a2 = await annotate(first, 'Ein Sprecher in Seoul', [ort.id, behoerde.id])
      const a3 = await annotate(first, 'Moskau', [armee.id])
      const b1 = await annotate(second, 'Розвідка', [behoerde.id, armee.id])
      const b2 = await annotate(second, 'Представник НАТО', [ort.id])
      return { quelle, behoerde, ministerium, armee, ort, a1, a2, a3, b1, b2 }
    }

    it("'untag' keeps the annotations and moves the children up to the deleted tag's parent", async () => {
      const c = await codebook()
      expect(await call('tags:delete', { id: c.behoerde.id, annotations: 'untag' })).toBeNull()

      expect(await tagIdsOnDisk()).toEqual({
        [c.a1.id]: [],
        [c.a2.id]: [c.ort.id],
        [c.a3.id]: [c.armee.id],
        [c.b1.id]: [c.armee.id],
        [c.b2.id]: [c.ort.id],
      })
      const stored = await projectFile()
      expect(stored.tags.map((t) => [t.name, t.parentId])).toEqual([
        ['Quelle', null],
        ['Ministerium', c.quelle.id],
        ['Armee', c.quelle.id],
        ['Ort', null],
      ])
      expect(await counts()).toEqual({ Quelle: 0, Ministerium: 0, Armee: 2, Ort: 2 })
    })

    it("'delete-annotations' removes every annotation carrying the tag, in both articles", async () => {
      const c = await codebook()
      await call('tags:delete', { id: c.behoerde.id, annotations: 'delete-annotations' })

      expect(await tagIdsOnDisk()).toEqual({ [c.a3.id]: [c.armee.id], [c.b2.id]: [c.ort.id] })
      expect((await articleFile(first)).annotations.map((a) => a.id)).toEqual([c.a3.id])
      expect((await articleFile(second)).annotations.map((a) => a.id)).toEqual([c.b2.id])
      expect(await counts()).toEqual({ Quelle: 0, Ministerium: 0, Armee: 1, Ort: 1 })
      expect(
        (await projectFile()).tags.filter((t) => t.parentId === c.quelle.id).map((t) => t.name),
      ).toEqual(['Ministerium', 'Armee'])
    })

    it('{ reassignTo } moves the annotations to another tag without duplicates', async () => {
      const c = await codebook()
      await call('tags:delete', { id: c.behoerde.id, annotations: { reassignTo: c.armee.id } })

      expect(await tagIdsOnDisk()).toEqual({
        [c.a1.id]: [c.armee.id],
        [c.a2.id]: [c.ort.id, c.armee.id],
        [c.a3.id]: [c.armee.id],
        [c.b1.id]: [c.armee.id],
        [c.b2.id]: [c.ort.id],
      })
      // Behörde 3 + Armee 2 − 1 annotation that carried both.
      expect(await counts()).toEqual({ Quelle: 0, Ministerium: 0, Armee: 4, Ort: 2 })
      expect((await tagsByName())['Armee']?.parentId).toBe(c.quelle.id)
    })

    it('moves the children of a root tag to the root', async () => {
      const c = await codebook()
      await call('tags:delete', { id: c.quelle.id, annotations: 'untag' })
      expect((await projectFile()).tags.map((t) => [t.name, t.parentId])).toEqual([
        ['Behörde', null],
        ['Ministerium', c.behoerde.id],
        ['Armee', c.behoerde.id],
        ['Ort', null],
      ])
    })

    it('refuses reassigning to the deleted tag itself or to an unknown tag, and unknown tags', async () => {
      const c = await codebook()
      const before = await readFile(join(folder, 'project.json'), 'utf8')
      const self = await refuse('tags:delete', {
        id: c.behoerde.id,
        annotations: { reassignTo: c.behoerde.id },
      })
      expect(self.code).toBe('invalid-input')
      expect(
        await refuse('tags:delete', { id: c.behoerde.id, annotations: { reassignTo: 'ghost' } }),
      ).toMatchObject({ code: 'not-found' })
      expect(await refuse('tags:delete', { id: 'ghost', annotations: 'untag' })).toMatchObject({
        code: 'not-found',
      })
      expect(await refuse('tags:delete', { id: c.behoerde.id, annotations: 'keep' })).toMatchObject(
        {
          code: 'invalid-input',
        },
      )
      expect(await readFile(join(folder, 'project.json'), 'utf8')).toBe(before)
      expect(await counts()).toEqual({ Quelle: 0, Behörde: 3, Ministerium: 0, Armee: 2, Ort: 2 })
    })

    it('keeps sibling names unique when the children moved up meet a namesake', async () => {
      const quelle = await tag('Quelle')
      const behoerde = await tag('Behörde', quelle.id)
      await tag('Russland', quelle.id)
      await tag('Russland', behoerde.id)

      const deleted = await api.invoke('tags:delete', { id: behoerde.id, annotations: 'untag' })
      if (deleted.ok) {
        const siblings = (await projectFile()).tags.filter((t) => t.parentId === quelle.id)
        const names = siblings.map((t) => t.name.toLocaleLowerCase())
        expect(new Set(names).size).toBe(names.length)
      } else {
        expect(deleted.error.code).toBe('invalid-input')
        expect((await projectFile()).tags.length).toBe(4)
      }
    })
  })
})
