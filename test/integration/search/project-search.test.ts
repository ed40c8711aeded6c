import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMainApi, type MainApi } from '../../../main/api'
import type { SearchResults } from '../../../shared/search-types'
import { tempDir } from '../../helpers/temp-dir'

const TEXT =
  'Das Pentagon spricht von mindestens 3.000 Soldaten an der Straße nach Kursk.\n\nDie Angaben sind nicht überprüft.'

describe('search:query over a project (kept current as it changes)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let api: MainApi
  const search = async (query: string) => {
    const r = await api.invoke('search:query', { query })
    if (!r.ok) throw new Error(r.error.message)
    return r.value as SearchResults
  }
  const ids = (results: SearchResults, type: keyof SearchResults['groups']) =>
    results.groups[type].map((h) => h.id)

  beforeEach(async () => {
    dir = await tempDir()
    api = await createMainApi({
      dataDir: join(dir.path, 'data'),
      dialogs: {
        chooseFolder: async () => null,
        chooseFiles: async () => [],
        chooseSaveFile: async () => null,
      },
      emit: () => {},
    })
    await api.invoke('projects:create', { name: 'Search', folder: join(dir.path, 'p') })
  })
  afterEach(async () => {
    await api.dispose()
    await dir.cleanup()
  })

  it('finds articles, annotations, claims and sources, and follows edits, deletions and undo', async () => {
    const article = await api.handlers['articles:add']({
      title: 'Truppen in Kursk',
      text: TEXT,
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      language: 'de',
    })
    // German folding and stemming: "Strasse" finds "Straße", "Soldat" finds "Soldaten".
    expect(ids(await search('Strasse'), 'article')).toEqual([article.id])
    expect(ids(await search('Soldat'), 'article')).toEqual([article.id])
    const hit = (await search('Strasse')).groups.article[0]
    const snippet = hit?.snippets[0]
    const [a, b] = snippet?.highlights[0] ?? [0, 0]
    expect(snippet?.text.slice(a, b)).toBe('Straße')

    const start = [...TEXT.slice(0, TEXT.indexOf('mindestens'))].length
    const linked = await api.handlers['annotations:createLinked']({
      articleId: article.id,
      kind: 'claim',
      start,
      end: start + 'mindestens 3.000 Soldaten'.length,
      tagIds: [],
      comment: 'Zahl aus Washington',
      link: { newClaim: true },
    })
    const afterAnnotate = await search('Washington')
    expect(ids(afterAnnotate, 'annotation')).toEqual([linked.annotation.id])
    expect(ids(await search('3000'), 'claim')).toEqual([linked.claim?.id])
    const source = await api.handlers['sources:create']({
      name: 'Pentagon-Sprecher',
      aliases: ['US spokesperson'],
      kind: 'government',
      role: '',
      organisation: '',
      description: '',
      reliability: 'B',
      reliabilityReason: '',
    })
    expect(ids(await search('spokesperson'), 'source')).toEqual([source.id])

    // A text edit re-indexes the article; undo brings the old words back.
    await api.handlers['articles:updateText']({
      id: article.id,
      text: TEXT.replace('Kursk', 'Belgorod'),
    })
    expect(ids(await search('Belgorod'), 'article')).toEqual([article.id])
    expect(ids(await search('Kursk -Truppen'), 'article')).toEqual([])
    await api.handlers['history:undo']({})
    expect(ids(await search('Belgorod'), 'article')).toEqual([])

    await api.handlers['articles:delete']({ id: article.id })
    const afterDelete = await search('Soldaten')
    expect(afterDelete.groups.article).toEqual([])
    expect(afterDelete.groups.annotation).toEqual([])
  })
})
