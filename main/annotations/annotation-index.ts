import type { Annotation } from '../../shared/model/annotation'

/** Reads one article's annotations from disk (validated) for the index. */
export type AnnotationLoader = (articleId: string) => Promise<Annotation[]>

/** Articles read at once while building the index (enough to overlap I/O on 2 cores). */
const LOAD_CONCURRENCY = 16

/**
 * Every annotation of the project by article, for project-wide filters and tag counts.
 * Built on first use by reading each article file once (the project file stays small and
 * saving an annotation never rewrites it); kept current by every change afterwards.
 */
export class AnnotationIndex {
  private byArticle: Map<string, Annotation[]> | null = null
  private loading: Promise<Map<string, Annotation[]>> | null = null

  constructor(
    private readonly articleIds: () => string[],
    private readonly load: AnnotationLoader,
  ) {}

  /** All annotations by article id, reading the articles not yet read. */
  async all(): Promise<Map<string, Annotation[]>> {
    if (this.byArticle) return this.byArticle
    this.loading ??= this.build().finally(() => (this.loading = null))
    return this.loading
  }

  /** Counts of annotations per tag id. */
  async tagCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>()
    for (const annotations of (await this.all()).values()) {
      for (const annotation of annotations) {
        for (const tagId of annotation.tagIds) counts.set(tagId, (counts.get(tagId) ?? 0) + 1)
      }
    }
    return counts
  }

  /** Keeps the index current after an article's annotations changed (no-op before it is built). */
  replaceArticle(articleId: string, annotations: Annotation[]): void {
    this.byArticle?.set(articleId, annotations.slice())
  }

  removeArticle(articleId: string): void {
    this.byArticle?.delete(articleId)
  }

  private async build(): Promise<Map<string, Annotation[]>> {
    const ids = this.articleIds()
    const result = new Map<string, Annotation[]>()
    let next = 0
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]
        if (id !== undefined) result.set(id, await this.load(id))
      }
    }
    await Promise.all(Array.from({ length: Math.min(LOAD_CONCURRENCY, ids.length) }, worker))
    this.byArticle = result
    return result
  }
}
