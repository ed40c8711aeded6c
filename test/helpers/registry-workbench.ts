import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallInput, LinkedAnnotation } from '../../shared/api'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import { RegistryDocument } from '../../shared/model/registry'
import { type ArticleInput, rangeOf } from './example-articles'
import type { TestApi } from './test-api'

/**
 * Helpers for tests of claims and sources: add the example articles, annotate a phrase by its
 * text, link selections, and read registry.json back through its schema. `current` returns the
 * test's API, which a fresh `beforeEach` replaces.
 */
export function registryWorkbench(current: () => TestApi) {
  const texts = new Map<string, string>()
  const call: TestApi['call'] = (channel, input) => current().call(channel, input)

  const registryBytes = () => readFile(join(current().folder, 'registry.json'), 'utf8')
  const registryFile = async () => RegistryDocument.parse(JSON.parse(await registryBytes()))
  const articleBytes = (id: string) =>
    readFile(join(current().folder, 'articles', `${id}.json`), 'utf8')
  const problems = async () => (await call('registry:get', {})).problems

  async function addArticle(article: ArticleInput): Promise<string> {
    const { id } = await call('articles:add', article)
    texts.set(id, article.text)
    return id
  }

  function range(articleId: string, needle: string, nth = 0) {
    const text = texts.get(articleId)
    if (text === undefined) throw new Error('test setup: unknown article')
    return rangeOf(text, needle, nth)
  }

  async function annotate(
    articleId: string,
    needle: string,
    kind: AnnotationKind = 'claim',
    nth = 0,
  ): Promise<Annotation> {
    return call('annotations:create', { articleId, kind, ...range(articleId, needle, nth) })
  }

  /** Annotates a selection and links it in one step. */
  async function select(
    articleId: string,
    needle: string,
    link: CallInput<'annotations:createLinked'>['link'],
    nth = 0,
  ): Promise<LinkedAnnotation> {
    const kind = 'claimId' in link || 'newClaim' in link ? 'claim' : 'source'
    return call('annotations:createLinked', {
      articleId,
      kind,
      ...range(articleId, needle, nth),
      link,
    })
  }

  /** The claim of a linked annotation, which the call must have made or updated. */
  function claimOf(linked: LinkedAnnotation) {
    if (!linked.claim) throw new Error('expected a claim')
    return linked.claim
  }

  const mentionOf = (articleId: string, annotation: Annotation) => ({
    articleId,
    annotationId: annotation.id,
  })

  return {
    texts,
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
  }
}
