import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimReviewJsonLd, type ClaimReviewOptions } from '../../../main/exchange/claim-review'
import {
  buildExchangeProject,
  EXCHANGE_ARTICLES,
  type ExchangeProject,
} from '../../helpers/exchange-project'
import { STANDARDS_DIR } from './w3c-suite'

type Thing = Record<string, unknown>

/** The schema.org ClaimReview examples the export is compared with. */
const EXAMPLES = ['claimreview-eg-0324.jsonld', 'claimreview-eg-0325.jsonld'].map(
  (name) => JSON.parse(readFileSync(join(STANDARDS_DIR, 'schemaorg', name), 'utf8')) as Thing,
)

const OPTIONS: ClaimReviewOptions = {
  author: { name: 'Faktencheck Halle', url: 'https://faktencheck.example.org/' },
  url: 'https://faktencheck.example.org/pruefungen/{id}',
  datePublished: '2024-05-10',
}

describe('schema.org ClaimReview export', () => {
  let x: ExchangeProject
  beforeAll(async () => {
    x = await buildExchangeProject()
  })
  afterAll(() => x.close())

  it('has the shape of the schema.org examples', () => {
    const reviews = claimReviewJsonLd(x.project(), OPTIONS) as unknown as Thing[]
    expect(reviews).toHaveLength(2)
    const exampleKeys = new Set(EXAMPLES.flatMap((e) => Object.keys(e)))
    for (const review of reviews) {
      // Every property the examples have, and none they do not.
      expect(new Set(Object.keys(review))).toEqual(exampleKeys)
      expect(review['@context']).toBe(EXAMPLES[0]?.['@context'])
      expect(review['@type']).toBe('ClaimReview')
      expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      const rating = review.reviewRating as Thing
      expect(rating['@type']).toBe((EXAMPLES[0]?.reviewRating as Thing)['@type'])
      expect(typeof rating.alternateName).toBe('string')
    }
  })

  it('reviews the verified and the false claim with their verdict, sayer and appearance', () => {
    const [closure, traffic] = claimReviewJsonLd(x.project(), OPTIONS)
    expect(closure).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: x.claims.closure.statement,
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 5,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Verified',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: {
          '@type': 'Person',
          name: 'Max Müller',
          jobTitle: 'Bürgermeister',
          affiliation: { '@type': 'Organization', name: 'Stadt Halle (Saale)' },
        },
        datePublished: '2024-05-03',
        // The emoji article has no web address, so only the German one appears.
        appearance: {
          '@type': 'CreativeWork',
          url: EXCHANGE_ARTICLES.german.url,
          headline: EXCHANGE_ARTICLES.german.title,
          publisher: { '@type': 'Organization', name: 'Saale-Kurier' },
          datePublished: '2024-05-03',
        },
      },
      author: {
        '@type': 'Organization',
        name: 'Faktencheck Halle',
        url: 'https://faktencheck.example.org/',
      },
      datePublished: '2024-05-10',
      url: `https://faktencheck.example.org/pruefungen/${x.claims.closure.id}`,
      reviewBody: 'Das Video der Stadt zeigt die Absperrung.',
    })
    expect(traffic).toMatchObject({
      claimReviewed: x.claims.traffic.statement,
      reviewRating: { ratingValue: 1, alternateName: 'False' },
      itemReviewed: { author: { '@type': 'Organization', name: 'Stadtpolizei Halle' } },
    })
  })

  it('leaves out open claims and rates a project’s own verdict by its credibility', async () => {
    const { t } = x
    await t.call('claims:create', { statement: 'Die Brücke wird 2025 abgerissen.' })
    const misleading = await t.call('statuses:create', { label: 'Irreführend', color: '#c2255c' })
    await t.call('claims:assess', {
      id: x.claims.traffic.id,
      status: misleading.id,
      credibility: '4',
      rationale: '',
    })
    const reviews = claimReviewJsonLd(x.project(), {
      author: { name: 'Faktencheck Halle' },
      statusLabels: { verified: 'Bestätigt' },
    })
    expect(reviews.map((r) => r.claimReviewed)).toEqual([
      x.claims.closure.statement,
      x.claims.traffic.statement,
    ])
    expect(reviews.map((r) => r.reviewRating)).toEqual([
      expect.objectContaining({ ratingValue: 5, alternateName: 'Bestätigt' }),
      expect.objectContaining({ ratingValue: 2, alternateName: 'Irreführend' }),
    ])
    // Without a date option, a review is dated by its verdict; without a rationale it has no body.
    const assessed = x.project().registry.data.claims.find((c) => c.id === x.claims.traffic.id)
    expect(reviews[1]?.datePublished).toBe(assessed?.assessments.at(-1)?.at.slice(0, 10))
    expect(reviews[1]).not.toHaveProperty('reviewBody')
    expect(reviews[1]).not.toHaveProperty('url')
  })
})
