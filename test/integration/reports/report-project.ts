/**
 * A small project for report tests, built through the main API on real files: two articles
 * (one English with an emoji before its quotes and `<script>` inside an annotated passage, one
 * German), three graded sources, three claims (figures, assessments, tags, a custom status, a
 * "contradicts" relation) and a video with a segment and a captured frame.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Annotation } from '../../../shared/model/annotation'
import type { ArticleSummary } from '../../../shared/model/article'
import type { Claim, CustomStatus } from '../../../shared/model/claim'
import type { CapturedFrame, EvidenceItem, Segment } from '../../../shared/model/evidence'
import type { Source } from '../../../shared/model/source'
import type { Tag } from '../../../shared/model/tag'
import type { OpenProject } from '../../../main/projects/open-project'
import { type ArticleInput, PENTAGON } from '../../helpers/example-articles'
import { copyMediaFixture } from '../../helpers/media-fixtures'
import { registryWorkbench } from '../../helpers/registry-workbench'
import { openTestApi, type TestApi } from '../../helpers/test-api'

const run = promisify(execFile)

export const SCRIPT = '<script>alert(1)</script>'

/** English, with an emoji (two UTF-16 units, one code point) before the annotated passages. */
export const YONHAP = {
  title: 'Seoul: North Korea sends elite troops to Russia',
  language: 'en',
  text: [
    `🇰🇷 South Korea’s National Intelligence Service (NIS) says North Korea has sent 1,500 elite soldiers to Russia ${SCRIPT} & more are expected, Yonhap news agency reported on Friday.`,
    '',
    'According to the NIS, the troops were flown from Wonsan to Vladivostok in October.',
  ].join('\n'),
} satisfies ArticleInput
export const YONHAP_CLAIM = `North Korea has sent 1,500 elite soldiers to Russia ${SCRIPT} & more are expected`
export const PENTAGON_CLAIM =
  'Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat'
export const PENTAGON_NOTE = 'Pentagon-Sprecherin Sabrina Singh'

export interface ReportProject {
  t: TestApi
  project: () => OpenProject
  articles: { yonhap: ArticleSummary; pentagon: ArticleSummary }
  annotations: {
    yonhapClaim: Annotation
    nisSource: Annotation
    pentagonClaim: Annotation
    note: Annotation
  }
  tags: { military: Tag; troops: Tag; economy: Tag }
  sources: { nis: Source; pentagon: Source; yonhap: Source }
  status: CustomStatus
  claims: { nis: Claim; pentagon: Claim; sanctions: Claim }
  video: EvidenceItem
  segment: Segment
  frame: CapturedFrame
  /** The frame's PNG bytes as captured. */
  framePng: Buffer
}

/** Builds the report test project in a temp folder; `t.close()` removes it. */
export async function buildReportProject(): Promise<ReportProject> {
  const t = await openTestApi({
    prefix: 'claimdesk-reports-',
    projectName: 'Nordkoreanische Soldaten',
    userName: 'Mira Analyst',
  })
  const w = registryWorkbench(() => t)
  const { call } = t

  const military = await call('tags:create', { name: 'Military', color: '#1971c2' })
  const troops = await call('tags:create', {
    name: 'Troops',
    color: '#2f9e44',
    parentId: military.id,
  })
  const economy = await call('tags:create', { name: 'Economy', color: '#e67700' })

  const yonhapId = await w.addArticle(YONHAP)
  const pentagonId = await w.addArticle(PENTAGON)
  const yonhap = await call('articles:updateMeta', {
    id: yonhapId,
    title: YONHAP.title,
    outlet: 'Yonhap',
    authors: ['Kim Min-ji'],
    url: 'https://example.org/yonhap/nk-troops?id=1&lang=en',
    publishedAt: '2024-10-18',
    retrievedAt: '2024-10-19',
    language: 'en',
  })
  const pentagon = await call('articles:updateMeta', {
    id: pentagonId,
    title: PENTAGON.title,
    outlet: 'Tagesschau',
    authors: [],
    url: 'https://example.org/tagesschau/pentagon-nordkorea',
    publishedAt: '2024-10-24',
    retrievedAt: '',
    language: 'de',
  })

  const nis = await call('sources:create', {
    name: 'National Intelligence Service',
    aliases: ['NIS'],
    kind: 'intelligence',
    organisation: 'Republic of Korea',
    reliability: 'B',
    reliabilityReason: 'Good record on North Korean troop movements.',
  })
  const pentagonSource = await call('sources:create', {
    name: 'Pentagon',
    kind: 'military',
    role: 'spokesperson',
    reliability: 'A',
  })
  const yonhapSource = await call('sources:create', {
    name: 'Yonhap',
    kind: 'media',
    reliability: 'C',
  })
  const nisSource = (
    await w.select(yonhapId, 'National Intelligence Service (NIS)', { sourceId: nis.id })
  ).annotation

  const yonhapLinked = await w.select(yonhapId, YONHAP_CLAIM, { newClaim: true })
  const pentagonLinked = await w.select(pentagonId, PENTAGON_CLAIM, { newClaim: true })
  const note = await w.annotate(pentagonId, PENTAGON_NOTE, 'note')
  await call('annotations:update', {
    articleId: pentagonId,
    id: note.id,
    comment: 'Spokesperson, not the minister.',
  })

  await call('claims:update', {
    id: w.claimOf(yonhapLinked).id,
    saidBy: [nis.id],
    reportedBy: [yonhapSource.id],
    madeOn: '2024-10-18',
    tagIds: [troops.id],
    notes: 'First public figure.\nLater confirmed by satellite images.',
  })
  const nisClaim = await call('claims:assess', {
    id: w.claimOf(yonhapLinked).id,
    status: 'verified',
    credibility: '2',
    rationale: 'Matches satellite images of Wonsan airfield.',
  })
  await call('claims:update', {
    id: w.claimOf(pentagonLinked).id,
    saidBy: [pentagonSource.id],
    madeOn: '2024-10-23',
    tagIds: [military.id],
  })
  const pentagonClaim = await call('claims:assess', {
    id: w.claimOf(pentagonLinked).id,
    status: 'inconclusive',
    credibility: '3',
    rationale: 'No independent confirmation yet.',
  })
  const status = await call('statuses:create', { label: 'Waiting for reply', color: '#6a3d9a' })
  const sanctions = await call('claims:create', {
    statement: 'Sanctions cost Russia 2 billion euros a month.',
    tagIds: [economy.id],
  })
  const sanctionsClaim = await call('claims:assess', {
    id: sanctions.id,
    status: status.id,
    credibility: null,
    rationale: '',
  })
  await call('relations:create', {
    type: 'contradicts',
    fromClaimId: pentagonClaim.id,
    toClaimId: nisClaim.id,
    note: '3,000 against 1,500',
  })

  // A video with a segment and a frame captured from it.
  const downloads = join(t.dir.path, 'downloads')
  const clip = await copyMediaFixture('clip.mp4', downloads)
  const added = await call('evidence:add', { taskId: 'report-add', files: [{ path: clip }] })
  const item = added.added[0]
  if (!item) throw new Error(`adding the clip failed: ${JSON.stringify(added.failed)}`)
  await call('evidence:update', {
    id: item.id,
    title: 'Convoy at Wonsan airfield',
    provenance: {
      originalUrl: 'https://t.me/example/123',
      platform: 'Telegram',
      publisherId: yonhapSource.id,
      retrievedBy: 'Mira Analyst',
      claimedPlace: 'Wonsan',
    },
    claimLinks: [{ claimId: pentagonClaim.id, stance: 'context' }],
  })
  const segment = await call('evidence:addSegment', {
    itemId: item.id,
    start: 0.5,
    end: 1.5,
    label: 'trucks board the plane',
    claimLinks: [{ claimId: nisClaim.id, stance: 'supports' }],
  })
  const framePath = join(downloads, 'frame.png')
  await run('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-ss',
    '1',
    '-i',
    clip,
    '-frames:v',
    '1',
    framePath,
  ])
  const framePng = await readFile(framePath)
  const frame = await call('evidence:captureFrame', {
    itemId: item.id,
    time: 1,
    segmentId: segment.id,
    pngBase64: framePng.toString('base64'),
  })
  const video = (await call('registry:get', {})).evidence.find((e) => e.id === item.id)
  if (!video) throw new Error('the video is not in the registry')

  return {
    t,
    project: () => t.api.workspace.project(),
    articles: { yonhap, pentagon },
    annotations: {
      yonhapClaim: yonhapLinked.annotation,
      nisSource,
      pentagonClaim: pentagonLinked.annotation,
      note,
    },
    tags: { military, troops, economy },
    sources: { nis, pentagon: pentagonSource, yonhap: yonhapSource },
    status,
    claims: { nis: nisClaim, pentagon: pentagonClaim, sanctions: sanctionsClaim },
    video,
    segment,
    frame,
    framePng,
  }
}
