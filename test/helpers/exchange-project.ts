/**
 * A small but complete project, built through the real main API on disk, for tests of exports,
 * reports and shared project files:
 *
 * - two articles: a German one with ä, ö, ü and ß (and a web address), and an English one
 *   without a web address whose annotated passages come after emoji (astral characters, two
 *   UTF-16 units each), so anything counting UTF-16 units instead of code points goes wrong;
 * - a codebook with a hierarchy and colours: Infrastruktur › Brücken, and Zahlen;
 * - seven annotations of every kind, with tags and comments (one without either);
 * - two sources (a person and an authority), two claims said by them with assessments (one
 *   verified, one false) and a "contradicts" relation between them;
 * - one video evidence item (test/helpers/media-fixtures.ts clip.mp4) with a segment from
 *   1.0 to 2.0 s linked to the verified claim, mentioned by the evidence annotation.
 *
 * Everything is also returned as read back from the project at the end, so tests can compare
 * exports with what the project holds.
 */
import { randomUUID } from 'node:crypto'
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallInput } from '../../shared/api'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import type { ArticleSummary } from '../../shared/model/article'
import type { Claim, ClaimRelation } from '../../shared/model/claim'
import type { EvidenceItem, Segment } from '../../shared/model/evidence'
import { emptyProvenance } from '../../shared/model/evidence'
import type { Source } from '../../shared/model/source'
import type { Tag } from '../../shared/model/tag'
import { hashFile } from '../../main/evidence/hashing'
import type { OpenProject } from '../../main/projects/open-project'
import { MEDIA_DIR } from '../../main/store/project-layout'
import { copiedClip, clipMetadata } from './evidence-items'
import { rangeOf } from './example-articles'
import { mediaFixture } from './media-fixtures'
import { openTestApi, type TestApi, type TestApiOptions } from './test-api'

/** The two articles, as `articles:add` takes them. */
export const EXCHANGE_ARTICLES = {
  german: {
    title: 'Brücke über die Saale bleibt gesperrt',
    language: 'de',
    url: 'https://news.example.org/saale-bruecke-gesperrt',
    outlet: 'Saale-Kurier',
    authors: ['Jörg Weiß'],
    publishedAt: '2024-05-03',
    text: [
      'Der Bürgermeister Max Müller äußerte sich am Freitag: Die Straße über die Brücke bleibt bis Ende Mai gesperrt. Laut Stadtpolizei werden seither 3.000 Fahrzeuge täglich umgeleitet.',
      '',
      'Anwohner der Süßmilchstraße beklagen den Lärm. Die Polizei widersprach später der Zahl.',
    ].join('\n'),
  },
  emoji: {
    title: 'Bridge closure: live updates',
    language: 'en',
    text: [
      'Live 🌉🚧 updates: The mayor said the bridge was closed on 3 May, citing engineers. 👷 A video posted by the city shows barriers at the bridge.',
      '',
      'Residents asked which engineers were consulted.',
    ].join('\n'),
  },
} satisfies Record<string, CallInput<'articles:add'>>

export type ExchangeArticle = keyof typeof EXCHANGE_ARTICLES

/** Each annotation: its article, its exact passage, its kind, its tags (by key) and comment. */
export const EXCHANGE_ANNOTATIONS = {
  germanClaim: {
    article: 'german',
    exact: 'Die Straße über die Brücke bleibt bis Ende Mai gesperrt',
    kind: 'claim',
    tags: ['bridges'],
    comment: 'Mit der Pressemitteilung der Stadt abgleichen.',
  },
  germanSource: {
    article: 'german',
    exact: 'Der Bürgermeister Max Müller',
    kind: 'source',
    tags: [],
    comment: '',
  },
  germanFigure: {
    article: 'german',
    exact: '3.000 Fahrzeuge täglich umgeleitet',
    kind: 'claim',
    tags: ['figures'],
    comment: 'Zahl & Quelle prüfen <Verkehrsamt>',
  },
  germanEntity: {
    article: 'german',
    exact: 'Süßmilchstraße',
    kind: 'entity',
    tags: ['infrastructure'],
    comment: '',
  },
  emojiClaim: {
    article: 'emoji',
    exact: 'the bridge was closed on 3 May',
    kind: 'claim',
    tags: ['bridges', 'figures'],
    comment: 'Check against the city press release ✅',
  },
  emojiEvidence: {
    article: 'emoji',
    exact: 'A video posted by the city shows barriers at the bridge',
    kind: 'evidence',
    tags: [],
    comment: '',
  },
  emojiNote: {
    article: 'emoji',
    exact: 'which engineers were consulted',
    kind: 'note',
    tags: [],
    comment: 'Ask the city.\nTwo lines.',
  },
} as const satisfies Record<
  string,
  {
    article: ExchangeArticle
    exact: string
    kind: AnnotationKind
    tags: readonly string[]
    comment: string
  }
>

export type ExchangeAnnotation = keyof typeof EXCHANGE_ANNOTATIONS

/** The segment added to the clip, in seconds. */
export const EXCHANGE_SEGMENT = { start: 1, end: 2, label: 'Absperrgitter sichtbar' }

export interface ExchangeProject {
  t: TestApi
  /** The open project, for calling main-process functions directly. */
  project: () => OpenProject
  articles: Record<ExchangeArticle, ArticleSummary>
  tags: { infrastructure: Tag; bridges: Tag; figures: Tag }
  annotations: Record<ExchangeAnnotation, Annotation>
  sources: { mayor: Source; police: Source }
  claims: { closure: Claim; traffic: Claim }
  relation: ClaimRelation
  evidence: { item: EvidenceItem; segment: Segment }
  /** Closes the API and removes the temp folder. */
  close(): Promise<void>
}

/** Adds the two articles to the open project (e.g. a fresh project to import onto). */
export async function addExchangeArticles(
  t: TestApi,
): Promise<Record<ExchangeArticle, ArticleSummary>> {
  return {
    german: await t.call('articles:add', EXCHANGE_ARTICLES.german),
    emoji: await t.call('articles:add', EXCHANGE_ARTICLES.emoji),
  }
}

/** Code point range of an annotation's passage in its article. */
export function exchangeRange(key: ExchangeAnnotation): { start: number; end: number } {
  const spec = EXCHANGE_ANNOTATIONS[key]
  return rangeOf(EXCHANGE_ARTICLES[spec.article].text, spec.exact)
}

/**
 * Adds the clip as evidence with a segment, through the evidence calls when main/api.ts has
 * them; otherwise writes an equivalent item into registry.json directly.
 */
async function addEvidence(
  t: TestApi,
  project: OpenProject,
  claimId: string,
  mention: { articleId: string; annotationId: string },
): Promise<string> {
  const clip = await mediaFixture('clip.mp4')
  const segmentInput = { ...EXCHANGE_SEGMENT, note: 'Bei 1,5 s ist das Schild lesbar.' }
  const claimLinks = [{ claimId, stance: 'supports' as const }]
  if ('evidence:add' in t.api.handlers && 'evidence:addSegment' in t.api.handlers) {
    const report = await t.call('evidence:add', {
      taskId: `exchange-${randomUUID()}`,
      files: [{ path: clip, storage: 'copy' }],
    })
    const item = report.added[0]
    if (!item) throw new Error(`test setup: adding clip.mp4 failed: ${JSON.stringify(report)}`)
    await t.call('evidence:update', {
      id: item.id,
      title: 'Video der Stadt: Absperrung',
      provenance: { originalUrl: 'https://video.example.org/saale/absperrung.mp4' },
    })
    await t.call('evidence:addSegment', { itemId: item.id, ...segmentInput, claimLinks })
    await t.call('evidence:linkMention', { id: item.id, mention })
    return item.id
  }
  const id = randomUUID()
  const relative = `${MEDIA_DIR}/${id}.mp4`
  await mkdir(join(project.folder, MEDIA_DIR), { recursive: true })
  await copyFile(clip, join(project.folder, relative))
  const now = new Date().toISOString()
  const item: EvidenceItem = {
    id,
    kind: 'video',
    title: 'Video der Stadt: Absperrung',
    file: copiedClip(relative, clip, await hashFile(clip)),
    metadata: clipMetadata(),
    provenance: {
      ...emptyProvenance(),
      originalUrl: 'https://video.example.org/saale/absperrung.mp4',
    },
    assessments: [
      { status: 'unstarted', credibility: null, rationale: '', by: project.userName, at: now },
    ],
    claimLinks: [],
    mentions: [mention],
    segments: [{ id: randomUUID(), ...segmentInput, claimLinks, createdAt: now, updatedAt: now }],
    frames: [],
    regions: [],
    createdAt: now,
    updatedAt: now,
  }
  await project.registry.update((registry) => {
    registry.evidence.push(item)
  })
  return id
}

/** Builds the project described at the top of this file in a fresh temp folder. */
export async function buildExchangeProject(options: TestApiOptions = {}): Promise<ExchangeProject> {
  const t = await openTestApi({
    prefix: 'claimdesk-exchange-',
    projectName: 'Saale-Brücke',
    userName: 'Mira Analyst',
    ...options,
  })
  try {
    const project = () => t.api.workspace.project()
    const articles = await addExchangeArticles(t)
    const infrastructure = await t.call('tags:create', {
      name: 'Infrastruktur',
      color: '#1971c2',
      description: 'Straßen, Brücken, Schienen',
    })
    const tagIds = {
      infrastructure: infrastructure.id,
      bridges: (
        await t.call('tags:create', {
          name: 'Brücken',
          color: '#2f9e44',
          parentId: infrastructure.id,
        })
      ).id,
      figures: (await t.call('tags:create', { name: 'Zahlen', color: '#d9480f' })).id,
    }

    const created = {} as Record<ExchangeAnnotation, Annotation>
    for (const key of Object.keys(EXCHANGE_ANNOTATIONS) as ExchangeAnnotation[]) {
      const spec = EXCHANGE_ANNOTATIONS[key]
      created[key] = await t.call('annotations:create', {
        articleId: articles[spec.article].id,
        kind: spec.kind,
        ...exchangeRange(key),
        tagIds: spec.tags.map((tag) => tagIds[tag]),
        comment: spec.comment,
      })
    }
    const mention = (key: ExchangeAnnotation) => ({
      articleId: articles[EXCHANGE_ANNOTATIONS[key].article].id,
      annotationId: created[key].id,
    })

    const mayor = await t.call('sources:create', {
      name: 'Max Müller',
      kind: 'person',
      role: 'Bürgermeister',
      organisation: 'Stadt Halle (Saale)',
      reliability: 'B',
      mention: mention('germanSource'),
    })
    const police = await t.call('sources:create', {
      name: 'Stadtpolizei Halle',
      kind: 'government',
      reliability: 'C',
    })
    const closure = await t.call('claims:create', {
      statement: 'Die Brücke bleibt bis Ende Mai gesperrt.',
      mention: mention('germanClaim'),
      saidBy: [mayor.id],
      madeOn: '2024-05-03',
    })
    await t.call('claims:addMention', { id: closure.id, mention: mention('emojiClaim') })
    await t.call('claims:assess', {
      id: closure.id,
      status: 'verified',
      credibility: '2',
      rationale: 'Das Video der Stadt zeigt die Absperrung.',
    })
    const traffic = await t.call('claims:create', {
      statement: 'Täglich werden 3.000 Fahrzeuge umgeleitet.',
      mention: mention('germanFigure'),
      saidBy: [police.id],
      madeOn: '2024-05-03',
    })
    await t.call('claims:assess', {
      id: traffic.id,
      status: 'false',
      credibility: '5',
      rationale: 'Die Zählung des Verkehrsamts ergab 1.200 Fahrzeuge.',
    })
    const relation = await t.call('relations:create', {
      type: 'contradicts',
      fromClaimId: traffic.id,
      toClaimId: closure.id,
    })
    const itemId = await addEvidence(t, project(), closure.id, mention('emojiEvidence'))

    // Everything as the project holds it now (mentions and assessments added later included).
    const registry = project().registry.data
    const byId = <T extends { id: string }>(list: readonly T[], id: string): T => {
      const found = list.find((x) => x.id === id)
      if (!found) throw new Error(`test setup: ${id} is missing`)
      return structuredClone(found)
    }
    const annotations = {} as Record<ExchangeAnnotation, Annotation>
    for (const key of Object.keys(created) as ExchangeAnnotation[]) {
      const article = await project().readArticle(articles[EXCHANGE_ANNOTATIONS[key].article].id)
      annotations[key] = byId(article.annotations, created[key].id)
    }
    const item = byId(registry.evidence, itemId)
    const segment = item.segments[0]
    if (!segment) throw new Error('test setup: the segment is missing')
    const tags = project().doc.data.tags
    return {
      t,
      project,
      articles,
      tags: {
        infrastructure: byId(tags, tagIds.infrastructure),
        bridges: byId(tags, tagIds.bridges),
        figures: byId(tags, tagIds.figures),
      },
      annotations,
      sources: {
        mayor: byId(registry.sources, mayor.id),
        police: byId(registry.sources, police.id),
      },
      claims: {
        closure: byId(registry.claims, closure.id),
        traffic: byId(registry.claims, traffic.id),
      },
      relation: byId(registry.relations, relation.id),
      evidence: { item, segment },
      close: () => t.close(),
    }
  } catch (error) {
    await t.close()
    throw error
  }
}
