import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallInput, EventName, Events, HistoryState } from '../../../shared/api'
import { ANNOTATION_KINDS, type Annotation } from '../../../shared/model/annotation'
import { ArticleDocument } from '../../../shared/model/article'
import { ProjectDocument } from '../../../shared/model/project'
import type { Tag } from '../../../shared/model/tag'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const FIRST = [
  'Übung 🎉 an der Grenze: „Wir sind bereit“, sagte Oberst Jürgen Müller am Montag.',
  '',
  'Nach Angaben des Geheimdienstes sind mindestens 3.000 Soldaten eingetroffen.',
  '',
  'Die Lage bleibt unübersichtlich, sagen Beobachter in Seoul und Kyjiw.',
].join('\n')
const SECOND = [
  'Кремль молчит 🤐: в Москве такие сообщения пока не комментируют.',
  '',
  'По данным разведки, в Россию переброшены не менее трёх тысяч военнослужащих КНДР.',
].join('\n')

/** Code point range of `needle` (Array.from counts code points). */
function rangeOf(text: string, needle: string): { start: number; end: number } {
  const unit = text.indexOf(needle)
  if (unit < 0) throw new Error(`test setup: "${needle}" is not in the text`)
  const start = Array.from(text.slice(0, unit)).length
  return { start, end: start + Array.from(needle).length }
}

/** Deterministic pseudo-random numbers (mulberry32), so the long history is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const byId = (tags: readonly Tag[]): Tag[] => [...tags].sort((a, b) => a.id.localeCompare(b.id))

const EMPTY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null }

describe('undo and redo through the main API (real files in a temp folder)', () => {
  let t: TestApi
  let folder: string
  let first: string
  let second: string
  let events: Array<{ event: EventName; payload: unknown }>

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  const refuse: TestApi['refuse'] = (channel, input) => t.refuse(channel, input)

  const undo = () => call('history:undo', {})
  const redo = () => call('history:redo', {})
  const historyState = () => call('history:state', {})

  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }

  async function projectFile(): Promise<ProjectDocument> {
    return ProjectDocument.parse(JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')))
  }

  /**
   * Everything an undoable action may change, as the files hold it: the codebook (in its
   * order), the article index's character counts, and each article's text and annotations.
   * Only the documents' own `updatedAt` is left out (undo is a new write); annotations and tags
   * must match exactly. Annotations are stored in text order; the order of two annotations on
   * the very same range is not specified, so those are compared by id.
   */
  async function diskState() {
    const project = await projectFile()
    const articles: Record<string, { text: string; annotations: Annotation[] }> = {}
    for (const summary of project.articles) {
      const { text, annotations } = await articleFile(summary.id)
      const byRange = (a: Annotation, b: Annotation) =>
        a.position.start - b.position.start || a.position.end - b.position.end
      annotations.forEach((a, i) => {
        const previous = annotations[i - 1]
        if (previous) expect(byRange(previous, a)).toBeLessThanOrEqual(0)
      })
      const sorted = [...annotations].sort((a, b) => byRange(a, b) || a.id.localeCompare(b.id))
      articles[summary.id] = { text, annotations: sorted }
    }
    return {
      tags: project.tags,
      index: project.articles.map((a) => ({
        id: a.id,
        title: a.title,
        characterCount: a.characterCount,
      })),
      articles,
    }
  }

  async function annotate(
    articleId: string,
    needle: string,
    extra: Partial<CallInput<'annotations:create'>> = {},
  ): Promise<Annotation> {
    const text = articleId === first ? FIRST : SECOND
    return call('annotations:create', {
      articleId,
      kind: 'claim',
      ...rangeOf(text, needle),
      ...extra,
    })
  }

  beforeEach(async () => {
    events = []
    t = await openTestApi({
      prefix: 'claimdesk-history-',
      projectName: 'History',
      emit: <E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }),
    })
    folder = t.folder
    first = (await call('articles:add', { title: 'Grenze', text: FIRST, language: 'de' })).id
    second = (await call('articles:add', { title: 'Кремль', text: SECOND, language: 'ru' })).id
  })
  afterEach(() => t.close())

  it('starts empty and refuses undo and redo with a clear message, changing nothing', async () => {
    expect(await historyState()).toEqual(EMPTY)
    const before = await diskState()
    const nothing = await refuse('history:undo', {})
    expect(nothing).toMatchObject({ code: 'not-found', message: 'There is nothing to undo.' })
    expect(await refuse('history:redo', {})).toMatchObject({
      code: 'not-found',
      message: 'There is nothing to redo.',
    })
    // Adding articles is not an undoable step.
    expect(await historyState()).toEqual(EMPTY)
    expect(await diskState()).toEqual(before)
  })

  it('undoes and redoes creating, editing and deleting an annotation, on disk', async () => {
    const created = await annotate(first, 'mindestens 3.000 Soldaten')
    expect(await historyState()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Create claim',
      redoLabel: null,
    })
    const edited = await call('annotations:update', {
      articleId: first,
      id: created.id,
      kind: 'evidence',
      comment: 'Quelle: Yonhap',
    })
    expect((await historyState()).undoLabel).toBe('Edit annotation')
    await call('annotations:delete', { articleId: first, id: created.id })
    expect((await historyState()).undoLabel).toBe('Delete annotation')
    expect((await articleFile(first)).annotations).toEqual([])

    expect(await undo()).toEqual({
      canUndo: true,
      canRedo: true,
      undoLabel: 'Edit annotation',
      redoLabel: 'Delete annotation',
    })
    expect((await articleFile(first)).annotations).toEqual([edited])
    await undo()
    expect((await articleFile(first)).annotations).toEqual([created])
    expect(await undo()).toEqual({
      canUndo: false,
      canRedo: true,
      undoLabel: null,
      redoLabel: 'Create claim',
    })
    expect((await articleFile(first)).annotations).toEqual([])
    expect(await call('annotations:list', {})).toEqual([])

    await redo()
    expect((await articleFile(first)).annotations).toEqual([created])
    await redo()
    expect((await articleFile(first)).annotations).toEqual([edited])
    expect((await call('annotations:list', {})).map((a) => a.annotation)).toEqual([edited])
    expect(await redo()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Delete annotation',
      redoLabel: null,
    })
    expect((await articleFile(first)).annotations).toEqual([])
    expect(await refuse('history:redo', {})).toMatchObject({ message: 'There is nothing to redo.' })
  })

  it('forgets the redo steps when a new action follows an undo', async () => {
    const a = await annotate(first, 'Oberst Jürgen Müller')
    await annotate(second, 'Кремль молчит')
    await undo()
    expect((await historyState()).canRedo).toBe(true)
    const c = await annotate(first, 'Beobachter', { kind: 'note' })
    expect(await historyState()).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Create note',
      redoLabel: null,
    })
    expect(await refuse('history:redo', {})).toMatchObject({ code: 'not-found' })
    expect((await articleFile(second)).annotations).toEqual([])
    expect((await articleFile(first)).annotations).toEqual([a, c])
  })

  it('labels each kind of step and reports the state in the history:changed event', async () => {
    const labels: string[] = []
    const label = async () => labels.push((await historyState()).undoLabel ?? '(none)')
    const zahl = await call('tags:create', { name: 'Zahl' })
    await label()
    const ort = await call('tags:create', { name: 'Ort' })
    await call('tags:update', { id: ort.id, name: 'Orte' })
    await label()
    await annotate(first, 'Seoul', { kind: 'entity', tagIds: [ort.id] })
    await label()
    const e = await annotate(first, '3.000', { kind: 'evidence', tagIds: [zahl.id] })
    await label()
    await call('annotations:update', { articleId: first, id: e.id, comment: 'prüfen' })
    await label()
    await call('tags:merge', { sourceId: zahl.id, targetId: ort.id })
    await label()
    await call('articles:updateText', { id: first, text: `Eilmeldung.\n\n${FIRST}` })
    await label()
    await call('tags:delete', { id: ort.id, annotations: 'untag' })
    await label()
    await call('annotations:delete', { articleId: first, id: e.id })
    await label()
    expect(labels).toEqual([
      'Create tag “Zahl”',
      'Edit tag “Orte”',
      'Create entity',
      'Create evidence',
      'Edit annotation',
      'Merge “Zahl” into “Orte”',
      'Edit article text',
      'Delete tag “Orte”',
      'Delete annotation',
    ])

    const state = await undo()
    expect(state.redoLabel).toBe('Delete annotation')
    const last = events.filter((x) => x.event === 'history:changed').at(-1)
    expect(last?.payload).toEqual(state)
    expect(await historyState()).toEqual(state)
  })

  it('undoes and redoes creating and renaming a tag, restoring it exactly', async () => {
    const empty = await diskState()
    const created = await call('tags:create', { name: 'Zahl', description: 'Zahlenangaben' })
    const withTag = await diskState()
    expect(withTag.tags).toEqual([created])
    const renamed = await call('tags:update', { id: created.id, name: 'Zahlen', color: '#112233' })
    const afterRename = await diskState()

    await undo()
    expect(await diskState()).toEqual(withTag)
    expect(await call('tags:list', {})).toEqual([{ ...created, count: 0 }])
    await undo()
    expect(await diskState()).toEqual(empty)
    expect(await call('tags:list', {})).toEqual([])
    await redo()
    expect(await diskState()).toEqual(withTag)
    await redo()
    expect(await diskState()).toEqual(afterRename)
    expect((await projectFile()).tags).toEqual([renamed])
  })

  it('undoes a merge: the source tag, its children and every annotation come back exactly', async () => {
    const quelle = await call('tags:create', { name: 'Quelle' })
    const geheimdienst = await call('tags:create', { name: 'Geheimdienst', parentId: quelle.id })
    const suedkorea = await call('tags:create', { name: 'Südkorea', parentId: geheimdienst.id })
    const behoerde = await call('tags:create', { name: 'Behörde', parentId: quelle.id })
    const ort = await call('tags:create', { name: 'Ort' })
    await annotate(first, 'des Geheimdienstes', { tagIds: [geheimdienst.id] })
    await annotate(first, 'Seoul und Kyjiw', { tagIds: [ort.id, geheimdienst.id, behoerde.id] })
    await annotate(first, 'Oberst Jürgen Müller', { tagIds: [behoerde.id, suedkorea.id] })
    await annotate(second, 'По данным разведки', { tagIds: [geheimdienst.id, ort.id] })
    await annotate(second, 'в Москве', { tagIds: [ort.id] })
    const before = await diskState()
    const countsBefore = await call('tags:list', {})

    await call('tags:merge', { sourceId: geheimdienst.id, targetId: behoerde.id })
    const merged = await diskState()
    expect(merged.tags.map((t) => t.id)).not.toContain(geheimdienst.id)

    expect(await undo()).toMatchObject({ redoLabel: 'Merge “Geheimdienst” into “Behörde”' })
    const restored = await diskState()
    // Every annotation with exactly its old tag ids, in their old order, and the old timestamps.
    expect(restored.articles).toEqual(before.articles)
    expect(restored.tags.find((t) => t.id === geheimdienst.id)).toEqual(geheimdienst)
    expect(restored.tags.find((t) => t.id === suedkorea.id)).toEqual(suedkorea)
    expect(byId(restored.tags)).toEqual(byId(before.tags))
    // The codebook as it was, in its order too.
    expect(restored.tags).toEqual(before.tags)
    expect(await call('tags:list', {})).toEqual(countsBefore)

    await redo()
    expect(await diskState()).toEqual(merged)
  })

  it('undoes deleting a tag with each policy, restoring annotations, tag and children', async () => {
    const policies: Array<CallInput<'tags:delete'>['annotations']> = ['untag', 'delete-annotations']
    const quelle = await call('tags:create', { name: 'Quelle' })
    const behoerde = await call('tags:create', { name: 'Behörde', parentId: quelle.id })
    await call('tags:create', { name: 'Ministerium', parentId: behoerde.id })
    const armee = await call('tags:create', { name: 'Armee', parentId: quelle.id })
    policies.push({ reassignTo: armee.id })
    await annotate(first, 'des Geheimdienstes', { tagIds: [behoerde.id] })
    await annotate(first, 'Oberst Jürgen Müller', { tagIds: [behoerde.id, armee.id] })
    await annotate(second, 'По данным разведки', { tagIds: [armee.id, behoerde.id] })
    await annotate(second, 'в Москве', { tagIds: [armee.id] })
    const before = await diskState()

    for (const policy of policies) {
      await call('tags:delete', { id: behoerde.id, annotations: policy })
      const deleted = await diskState()
      expect(deleted.tags.map((t) => t.name)).not.toContain('Behörde')
      await undo()
      const restored = await diskState()
      expect(restored.articles).toEqual(before.articles)
      expect(byId(restored.tags)).toEqual(byId(before.tags))
      // The tag is back in its place in the codebook, not appended at the end.
      expect(restored.tags).toEqual(before.tags)
      await redo()
      expect(await diskState()).toEqual(deleted)
      await undo()
      expect(await diskState()).toEqual(before)
    }
  })

  it('undoes and redoes an article text edit with its re-anchored annotations', async () => {
    const a = await annotate(first, 'mindestens 3.000 Soldaten')
    const before = await diskState()
    const report = await call('articles:updateText', {
      id: first,
      text: `Eilmeldung 🚨.\n\n${FIRST}`,
    })
    expect(report).toMatchObject({ anchored: 1, moved: 1, orphaned: 0 })
    const edited = await diskState()
    expect(edited.articles[first]?.annotations[0]?.quote.exact).toBe(a.quote.exact)

    expect(await undo()).toMatchObject({ redoLabel: 'Edit article text' })
    expect(await diskState()).toEqual(before)
    expect((await call('articles:get', { id: first })).text).toBe(FIRST)
    await redo()
    expect(await diskState()).toEqual(edited)
  })

  it('walks 64 mixed steps back to the start and forward to the end, matching the files at each step', async () => {
    const next = random(20241105)
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)]
    const needles: Record<string, string[]> = {
      [first]: [
        'Übung',
        '„Wir sind bereit“',
        'Oberst Jürgen Müller',
        '3.000 Soldaten',
        'Beobachter',
        'Seoul',
      ],
      [second]: ['Кремль', 'не комментируют', 'трёх тысяч', 'КНДР', 'По данным разведки'],
    }
    let prefixes = 0
    let tagNumber = 0

    const step = async (n: number): Promise<void> => {
      const tags: Tag[] = (await projectFile()).tags
      const annotations = await call('annotations:list', {})
      const live = annotations.filter((a) => !a.annotation.orphaned)
      const roll = n % 8
      if (roll === 0 || tags.length < 2) {
        const parent = tags.length > 0 && next() < 0.5 ? pick(tags) : undefined
        await call('tags:create', { name: `Code ${++tagNumber}`, parentId: parent?.id ?? null })
      } else if (roll === 1 || roll === 2 || roll === 5 || live.length === 0) {
        const articleId = next() < 0.5 ? first : second
        const article = await call('articles:get', { id: articleId })
        const needle = pick(needles[articleId] ?? []) ?? ''
        const unit = article.text.indexOf(needle)
        const start = Array.from(article.text.slice(0, unit)).length
        await call('annotations:create', {
          articleId,
          kind: pick(ANNOTATION_KINDS) ?? 'claim',
          start,
          end: start + Array.from(needle).length,
          tagIds: [pick(tags)?.id ?? ''].filter((id) => id !== ''),
          comment: `Schritt ${n}`,
        })
      } else if (roll === 3) {
        const target = pick(live)
        if (!target) throw new Error('test setup: no annotation to edit')
        await call('annotations:update', {
          articleId: target.articleId,
          id: target.annotation.id,
          kind: pick(ANNOTATION_KINDS) ?? 'note',
          tagIds: tags.filter(() => next() < 0.3).map((t) => t.id),
          comment: `geändert in Schritt ${n}`,
        })
      } else if (roll === 4) {
        const t = pick(tags)
        if (!t) throw new Error('test setup: no tag')
        await call('tags:update', { id: t.id, name: `${t.name}′`, color: '#00aa55' })
      } else if (roll === 6) {
        const target = pick(live)
        if (!target) throw new Error('test setup: no annotation to delete')
        await call('annotations:delete', { articleId: target.articleId, id: target.annotation.id })
      } else if (n % 16 === 7) {
        const articleId = next() < 0.5 ? first : second
        const { text } = await call('articles:get', { id: articleId })
        await call('articles:updateText', {
          id: articleId,
          text: `Update ${++prefixes} 📰: ${text}`,
        })
      } else {
        // Merge or delete a leaf tag (whichever the dice say), reusing its annotations.
        const leaves = tags.filter((t) => !tags.some((c) => c.parentId === t.id))
        const source = pick(leaves)
        const target = tags.find((t) => t.id !== source?.id)
        if (!source || !target) throw new Error('test setup: not enough tags')
        if (next() < 0.5) await call('tags:merge', { sourceId: source.id, targetId: target.id })
        else await call('tags:delete', { id: source.id, annotations: { reassignTo: target.id } })
      }
    }

    const STEPS = 64
    const states = [await diskState()]
    const labels: Array<string | null> = [null]
    for (let n = 1; n <= STEPS; n++) {
      await step(n)
      states.push(await diskState())
      labels.push((await historyState()).undoLabel)
    }
    const end = states[STEPS]
    expect(end?.tags.length).toBeGreaterThan(2)
    expect(Object.values(end?.articles ?? {}).flatMap((a) => a.annotations).length).toBeGreaterThan(
      5,
    )
    expect(new Set(labels).size).toBeGreaterThan(6)

    for (let n = STEPS; n >= 1; n--) {
      const state = await undo()
      expect(state.undoLabel).toBe(labels[n - 1])
      expect(await diskState()).toEqual(states[n - 1])
    }
    expect(await historyState()).toMatchObject({ canUndo: false, canRedo: true })
    expect(await diskState()).toEqual(states[0])
    expect(await refuse('history:undo', {})).toMatchObject({ message: 'There is nothing to undo.' })

    for (let n = 1; n <= STEPS; n++) {
      const state = await redo()
      expect(state.undoLabel).toBe(labels[n])
      expect(await diskState()).toEqual(states[n])
    }
    expect(await historyState()).toMatchObject({ canUndo: true, canRedo: false })
    expect(await diskState()).toEqual(end)

    // The index behind lists and counts agrees with the files after all that.
    const counts = new Map<string, number>()
    for (const { annotations } of Object.values(end?.articles ?? {})) {
      for (const a of annotations) for (const t of a.tagIds) counts.set(t, (counts.get(t) ?? 0) + 1)
    }
    expect((await call('tags:list', {})).map((t) => [t.id, t.count])).toEqual(
      (end?.tags ?? []).map((t) => [t.id, counts.get(t.id) ?? 0]),
    )
  })

  it('keeps every one of many concurrent calls, on disk and in the history', async () => {
    const needles = [
      'Übung',
      'Grenze',
      'Oberst',
      'Montag',
      'Geheimdienstes',
      '3.000',
      'Lage',
      'Seoul',
    ]
    const zahl = await call('tags:create', { name: 'Zahl' })
    const created = await Promise.all(
      needles.map((needle, i) =>
        annotate(first, needle, { tagIds: i % 2 === 0 ? [zahl.id] : [], comment: `#${i}` }),
      ),
    )
    const onDisk = (await articleFile(first)).annotations
    expect(onDisk.map((a) => a.id).sort()).toEqual(created.map((a) => a.id).sort())
    expect((await call('tags:list', {}))[0]?.count).toBe(needles.length / 2)

    await Promise.all(
      created.map((a) => call('annotations:update', { articleId: first, id: a.id, kind: 'note' })),
    )
    expect((await articleFile(first)).annotations.map((a) => a.kind)).toEqual(
      needles.map(() => 'note'),
    )
    for (let i = 0; i < 2 * needles.length; i++) await undo()
    expect((await articleFile(first)).annotations).toEqual([])
    expect(await historyState()).toMatchObject({ undoLabel: 'Create tag “Zahl”' })
  })

  it('forgets the steps of a deleted article, so undo never touches a missing file', async () => {
    const zahl = await call('tags:create', { name: 'Zahl' })
    await annotate(first, '3.000 Soldaten', { tagIds: [zahl.id] })
    const kept = await annotate(second, 'трёх тысяч', { tagIds: [zahl.id] })
    await call('articles:delete', { id: first })

    expect(await historyState()).toMatchObject({ undoLabel: 'Create claim' })
    await undo()
    expect((await articleFile(second)).annotations).toEqual([])
    await undo()
    expect((await projectFile()).tags).toEqual([])
    expect(await historyState()).toMatchObject({ canUndo: false })
    await redo()
    await redo()
    expect((await articleFile(second)).annotations).toEqual([kept])
  })
})
