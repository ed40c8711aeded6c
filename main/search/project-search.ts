import type { ArticleDocument } from '../../shared/model/article'
import type { RegistryDocument } from '../../shared/model/registry'
import { SearchIndex } from './search-index'
import type { SearchDoc, SearchOptions, SearchResults } from './types'

/** Documents added between yields while building, so the main process stays responsive. */
const BUILD_SLICE = 200

interface SearchSource {
  articleIds(): string[]
  readArticle(articleId: string): Promise<ArticleDocument>
  registry(): RegistryDocument
}

/** What one article contributes to the index: itself and each of its annotations. */
export function articleDocs(article: ArticleDocument): SearchDoc[] {
  const docs: SearchDoc[] = [
    {
      type: 'article',
      id: article.id,
      title: article.title,
      text: article.text,
      language: article.language,
    },
  ]
  for (const annotation of article.annotations) {
    docs.push({
      type: annotation.kind === 'note' ? 'note' : 'annotation',
      id: annotation.id,
      articleId: article.id,
      title: annotation.quote.exact,
      text: annotation.comment,
      language: article.language,
    })
  }
  return docs
}

/** What the registry contributes: claims (statement, notes) and sources (names, description). */
export function registryDocs(registry: RegistryDocument): SearchDoc[] {
  return [
    ...registry.claims.map((c) => ({
      type: 'claim' as const,
      id: c.id,
      title: c.statement,
      text: c.notes,
    })),
    ...registry.sources.map((s) => ({
      type: 'source' as const,
      id: s.id,
      title: s.name,
      text: [s.aliases.join(', '), s.role, s.organisation, s.description, s.reliabilityReason]
        .filter(Boolean)
        .join('\n'),
    })),
  ]
}

/**
 * Project-wide full-text search. The index is built on the first query (reading every article
 * once, in slices) and then kept current lazily: changes mark what is stale, and the next query
 * re-reads only that.
 */
export class ProjectSearch {
  private index: SearchIndex | null = null
  private building: Promise<SearchIndex> | null = null
  private readonly staleArticles = new Set<string>()
  private registryStale = false
  /** Ids each article put in the index, so a changed article's old entries can be removed. */
  private readonly indexedByArticle = new Map<string, SearchDoc[]>()
  private indexedRegistry: SearchDoc[] = []

  constructor(private readonly source: SearchSource) {}

  /** An article was added, changed or deleted. */
  markArticle(articleId: string): void {
    this.staleArticles.add(articleId)
  }

  /** Claims or sources changed. */
  markRegistry(): void {
    this.registryStale = true
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResults> {
    const index = await this.ready()
    await this.refresh(index)
    return index.search(query, options)
  }

  private ready(): Promise<SearchIndex> {
    if (this.index) return Promise.resolve(this.index)
    this.building ??= this.build().finally(() => (this.building = null))
    return this.building
  }

  private async build(): Promise<SearchIndex> {
    const index = new SearchIndex()
    this.staleArticles.clear()
    this.registryStale = false
    let added = 0
    for (const articleId of this.source.articleIds()) {
      const docs = articleDocs(await this.source.readArticle(articleId))
      for (const doc of docs) index.add(doc)
      this.indexedByArticle.set(articleId, docs)
      added += docs.length
      if (added >= BUILD_SLICE) {
        added = 0
        await new Promise((resume) => setImmediate(resume))
      }
    }
    this.indexedRegistry = registryDocs(this.source.registry())
    for (const doc of this.indexedRegistry) index.add(doc)
    this.index = index
    return index
  }

  private async refresh(index: SearchIndex): Promise<void> {
    const existing = new Set(this.source.articleIds())
    for (const articleId of [...this.staleArticles]) {
      this.staleArticles.delete(articleId)
      for (const doc of this.indexedByArticle.get(articleId) ?? []) index.remove(doc.type, doc.id)
      this.indexedByArticle.delete(articleId)
      if (!existing.has(articleId)) continue
      const docs = articleDocs(await this.source.readArticle(articleId))
      for (const doc of docs) index.add(doc)
      this.indexedByArticle.set(articleId, docs)
    }
    if (this.registryStale) {
      this.registryStale = false
      for (const doc of this.indexedRegistry) index.remove(doc.type, doc.id)
      this.indexedRegistry = registryDocs(this.source.registry())
      for (const doc of this.indexedRegistry) index.add(doc)
    }
  }
}
