import type { ArticleSummary } from '../../shared/model/article'
import type { Assessment, Claim, CustomStatus } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import type { ProjectView } from '../projects/project-view'

// schema.org ClaimReview (https://schema.org/ClaimReview), the fact-check markup search engines
// and fact-check archives read. Shape as in ../shared/standards/schemaorg/claimreview-eg-*.jsonld.

/** English labels of the built-in statuses (the renderer's i18n has the translations). */
export const STATUS_LABELS: Record<string, string> = {
  unstarted: 'Not started',
  'in-progress': 'In progress',
  inconclusive: 'Inconclusive',
  verified: 'Verified',
  false: 'False',
}

/** Statuses that are no verdict yet: claims in them are not reviewed. */
const OPEN_STATUSES = new Set(['unstarted', 'in-progress'])

/** Whether a status is a verdict (verified, false, inconclusive or a project's own status). */
export function isVerdict(status: string): boolean {
  return !OPEN_STATUSES.has(status)
}

/** A status's label: a project's own status by its name, a built-in one in English. */
export function statusLabel(
  status: string,
  customStatuses: readonly CustomStatus[],
  overrides: Readonly<Record<string, string>> = {},
): string {
  return (
    overrides[status] ??
    customStatuses.find((s) => s.id === status)?.label ??
    STATUS_LABELS[status] ??
    status
  )
}

/** The current assessment: the last entry of the history. */
export function currentAssessment(claim: { assessments: Assessment[] }): Assessment | undefined {
  return claim.assessments.at(-1)
}

// The rating scale: 1 = false … 5 = verified. A project's own status has no place on it, so it
// is rated by the assessment's Admiralty credibility (1 confirmed → 5, 5 improbable → 1) when
// one is given, and otherwise carries only its label.
const WORST_RATING = 1
const BEST_RATING = 5
const VERDICT_RATINGS: Record<string, number> = { false: 1, inconclusive: 3, verified: 5 }

function ratingValue(assessment: Assessment): number | undefined {
  const fixed = VERDICT_RATINGS[assessment.status]
  if (fixed !== undefined) return fixed
  const credibility = Number(assessment.credibility)
  return credibility >= 1 && credibility <= 5 ? BEST_RATING + 1 - credibility : undefined
}

export interface SchemaOrgThing {
  '@type': string
  [key: string]: unknown
}

export interface ClaimReviewJsonLd {
  '@context': 'https://schema.org'
  '@type': 'ClaimReview'
  claimReviewed: string
  reviewRating: SchemaOrgThing
  itemReviewed: SchemaOrgThing
  author: SchemaOrgThing
  datePublished: string
  url?: string
  reviewBody?: string
}

export interface ClaimReviewOptions {
  /** The fact-checking organisation (or person) publishing the reviews. */
  author: { name: string; url?: string; type?: 'Organization' | 'Person' }
  /** Where each review is published; `{id}` is replaced by the claim's id. */
  url?: string
  /** Publication date (YYYY-MM-DD) of every review; default: the day of its verdict. */
  datePublished?: string
  /** Only these claims (default: every claim with a verdict). */
  claimIds?: readonly string[]
  /** Labels for statuses, e.g. in the interface language (default: English, own names). */
  statusLabels?: Readonly<Record<string, string>>
}

/** A source as the author of a claim: people and accounts as Person, the rest as Organization. */
function sourceAgent(source: Source): SchemaOrgThing {
  if (source.kind === 'person' || source.kind === 'platform-account') {
    return {
      '@type': 'Person',
      name: source.name,
      ...(source.role ? { jobTitle: source.role } : {}),
      ...(source.organisation
        ? { affiliation: { '@type': 'Organization', name: source.organisation } }
        : {}),
    }
  }
  return { '@type': 'Organization', name: source.name }
}

function oneOrMany<T>(items: T[]): T | T[] | undefined {
  if (items.length === 0) return undefined
  return items.length === 1 ? items[0] : items
}

/** The articles a claim was reported in that have a web address, as schema.org appearances. */
function appearances(claim: Claim, articles: readonly ArticleSummary[]): SchemaOrgThing[] {
  const seen = new Set<string>()
  const out: SchemaOrgThing[] = []
  for (const mention of claim.mentions) {
    const article = articles.find((a) => a.id === mention.articleId)
    if (!article || article.url === '' || seen.has(article.id)) continue
    seen.add(article.id)
    out.push({
      '@type': 'CreativeWork',
      url: article.url,
      headline: article.title,
      ...(article.outlet ? { publisher: { '@type': 'Organization', name: article.outlet } } : {}),
      ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    })
  }
  return out
}

/** schema.org ClaimReview objects for the project's claims that have a verdict. */
export function claimReviewJsonLd(
  project: ProjectView,
  options: ClaimReviewOptions,
): ClaimReviewJsonLd[] {
  const registry = project.registry.data
  const articles = project.doc.data.articles
  const wanted = options.claimIds ? new Set(options.claimIds) : null
  const reviews: ClaimReviewJsonLd[] = []
  for (const claim of registry.claims) {
    if (wanted && !wanted.has(claim.id)) continue
    const assessment = currentAssessment(claim)
    if (!assessment || !isVerdict(assessment.status)) continue
    const rating = ratingValue(assessment)
    const authors = claim.saidBy.flatMap((id) => {
      const source = registry.sources.find((s) => s.id === id)
      return source ? [sourceAgent(source)] : []
    })
    const author = oneOrMany(authors)
    const appearance = oneOrMany(appearances(claim, articles))
    reviews.push({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: claim.statement,
      reviewRating: {
        '@type': 'Rating',
        ...(rating === undefined ? {} : { ratingValue: rating }),
        bestRating: BEST_RATING,
        worstRating: WORST_RATING,
        alternateName: statusLabel(assessment.status, registry.statuses, options.statusLabels),
      },
      itemReviewed: {
        '@type': 'Claim',
        ...(author ? { author } : {}),
        ...(claim.madeOn ? { datePublished: claim.madeOn } : {}),
        ...(appearance ? { appearance } : {}),
      },
      author: {
        '@type': options.author.type ?? 'Organization',
        name: options.author.name,
        ...(options.author.url ? { url: options.author.url } : {}),
      },
      datePublished: options.datePublished ?? assessment.at.slice(0, 10),
      ...(options.url ? { url: options.url.replaceAll('{id}', claim.id) } : {}),
      ...(assessment.rationale.trim() ? { reviewBody: assessment.rationale.trim() } : {}),
    })
  }
  return reviews
}
