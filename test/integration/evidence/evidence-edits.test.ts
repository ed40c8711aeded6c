import { readFile, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Claim } from '../../../shared/model/claim'
import type { EvidenceItem } from '../../../shared/model/evidence'
import {
  FIXTURE_IMAGE_HEIGHT,
  FIXTURE_IMAGE_WIDTH,
  mediaFixture,
} from '../../helpers/media-fixtures'
import { HUR, rangeOf } from '../../helpers/example-articles'
import { type EvidenceBench, nextTaskId, openEvidenceBench } from './evidence-setup'

describe('editing evidence: segments, frames, regions, links, undo (registry.json on disk)', () => {
  let b: EvidenceBench
  let video: EvidenceItem
  let image: EvidenceItem
  let claim: Claim

  beforeEach(async () => {
    b = await openEvidenceBench()
    const report = await b.add([await b.fixture('clip.mp4'), await b.fixture('photo.jpg')])
    ;[video, image] = report.added as [EvidenceItem, EvidenceItem]
    claim = await b.call('claims:create', { statement: 'Troops trained at the range in March.' })
  })
  afterEach(async () => {
    await b.close()
  })

  const stored = async (id: string) => {
    const item = (await b.registryFile()).evidence.find((e) => e.id === id)
    if (!item) throw new Error(`no item ${id} in registry.json`)
    return item
  }
  const undo = () => b.call('history:undo', {})
  const redo = () => b.call('history:redo', {})
  const undoLabel = async () => (await b.call('history:state', {})).undoLabel
  const pngBase64 = async () => (await readFile(await mediaFixture('image.png'))).toString('base64')

  it('segments: add, edit, delete, each one undoable step; times must fit the video', async () => {
    const link = { claimId: claim.id, stance: 'supports' as const }
    const segment = await b.call('evidence:addSegment', {
      itemId: video.id,
      start: 0.5,
      end: 2,
      label: 'trucks arrive',
      claimLinks: [link],
    })
    expect((await stored(video.id)).segments).toEqual([segment])
    expect(await undoLabel()).toBe('Add segment to «clip.mp4»')

    const edited = await b.call('evidence:updateSegment', {
      itemId: video.id,
      id: segment.id,
      end: 3,
    })
    expect(edited).toMatchObject({ start: 0.5, end: 3, label: 'trucks arrive', claimLinks: [link] })
    expect((await stored(video.id)).segments).toEqual([edited])

    const refusals = [
      await b.refuse('evidence:addSegment', { itemId: video.id, start: 2, end: 1 }),
      await b.refuse('evidence:addSegment', { itemId: video.id, start: 1, end: 3.5 }),
      await b.refuse('evidence:updateSegment', { itemId: video.id, id: segment.id, start: 3 }),
      await b.refuse('evidence:addSegment', {
        itemId: video.id,
        start: 0,
        end: 1,
        claimLinks: [{ claimId: 'no-such-claim', stance: 'supports' }],
      }),
      await b.refuse('evidence:addSegment', { itemId: image.id, start: 0, end: 1 }),
    ]
    expect(refusals.map((e) => e.message)).toEqual([
      'A segment must end after it starts.',
      '3.500 s is past the end of «clip.mp4», which lasts 3.000 s.',
      'A segment must end after it starts.',
      'Unknown claim no-such-claim: it may have been deleted.',
      '«photo.jpg» is not a video.',
    ])
    // The last frame's time rounds up to one frame past the duration: still inside.
    const toEnd = await b.call('evidence:addSegment', { itemId: video.id, start: 2.9, end: 3.04 })
    await undo()

    await b.call('evidence:deleteSegment', { itemId: video.id, id: segment.id })
    expect((await stored(video.id)).segments).toEqual([])
    await undo()
    expect((await stored(video.id)).segments).toEqual([edited])
    await undo()
    expect((await stored(video.id)).segments).toEqual([segment])
    await redo()
    expect((await stored(video.id)).segments).toEqual([edited])
    expect(toEnd.end).toBe(3.04)
  })

  it('frames: stored as PNG files with their hash and a custody entry; undo keeps the file', async () => {
    const segment = await b.call('evidence:addSegment', { itemId: video.id, start: 1, end: 2 })
    const png = await pngBase64()
    const frame = await b.call('evidence:captureFrame', {
      itemId: video.id,
      time: 1.5,
      segmentId: segment.id,
      pngBase64: png,
    })
    const bytes = Buffer.from(png, 'base64')
    expect(frame).toMatchObject({
      time: 1.5,
      segmentId: segment.id,
      path: `media/frames/${frame.id}.png`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      width: FIXTURE_IMAGE_WIDTH,
      height: FIXTURE_IMAGE_HEIGHT,
      note: '',
    })
    const file = join(b.folder, frame.path)
    expect((await readFile(file)).equals(bytes)).toBe(true)
    expect((await stored(video.id)).frames).toEqual([frame])
    const custody = await b.call('evidence:custody', { id: video.id })
    expect(custody.at(-1)).toMatchObject({
      event: 'frame-captured',
      path: frame.path,
      sha256: frame.sha256,
    })

    const noted = await b.call('evidence:updateFrame', {
      itemId: video.id,
      id: frame.id,
      note: 'insignia visible',
      segmentId: null,
    })
    expect(noted).toEqual({ ...frame, note: 'insignia visible', segmentId: null })
    await undo()
    expect((await stored(video.id)).frames).toEqual([frame])

    // Deleting the segment unties its frames in the same step.
    await b.call('evidence:deleteSegment', { itemId: video.id, id: segment.id })
    expect((await stored(video.id)).frames).toEqual([{ ...frame, segmentId: null }])
    await undo()

    await b.call('evidence:deleteFrame', { itemId: video.id, id: frame.id })
    expect((await stored(video.id)).frames).toEqual([])
    expect((await readFile(file)).equals(bytes)).toBe(true)
    await undo()
    expect((await stored(video.id)).frames).toEqual([frame])

    const jpeg = (await readFile(await mediaFixture('photo.jpg'))).toString('base64')
    const refusals = [
      await b.refuse('evidence:captureFrame', { itemId: video.id, time: 1, pngBase64: jpeg }),
      await b.refuse('evidence:captureFrame', { itemId: video.id, time: 9, pngBase64: png }),
      await b.refuse('evidence:captureFrame', {
        itemId: video.id,
        time: 1,
        segmentId: 'gone',
        pngBase64: png,
      }),
    ]
    expect(refusals.map((e) => e.message)).toEqual([
      'The captured frame is not a PNG image (it has no PNG signature and header).',
      '9.000 s is past the end of «clip.mp4», which lasts 3.000 s.',
      'No segment gone in «clip.mp4»; it may have been deleted.',
    ])
  })

  it('regions: only on images and inside them; add, edit, delete with undo and redo', async () => {
    const region = await b.call('evidence:addRegion', {
      itemId: image.id,
      x: 0.25,
      y: 0.5,
      width: 0.5,
      height: 0.5,
      label: 'vehicle',
      claimLinks: [{ claimId: claim.id, stance: 'context' }],
    })
    expect((await stored(image.id)).regions).toEqual([region])
    const moved = await b.call('evidence:updateRegion', { itemId: image.id, id: region.id, x: 0.5 })
    expect(moved).toMatchObject({ x: 0.5, y: 0.5, width: 0.5, height: 0.5, label: 'vehicle' })

    const outside = await b.refuse('evidence:updateRegion', {
      itemId: image.id,
      id: region.id,
      x: 0.75,
    })
    expect(outside.message).toBe('A region must lie inside the image.')
    const onVideo = await b.refuse('evidence:addRegion', {
      itemId: video.id,
      x: 0,
      y: 0,
      width: 0.5,
      height: 0.5,
    })
    expect(onVideo.message).toBe('«clip.mp4» is not an image.')

    await b.call('evidence:deleteRegion', { itemId: image.id, id: region.id })
    expect((await stored(image.id)).regions).toEqual([])
    await undo()
    await undo()
    expect((await stored(image.id)).regions).toEqual([region])
    await redo()
    expect((await stored(image.id)).regions).toEqual([moved])
  })

  it('update, assess and delete an item, each undoable', async () => {
    const source = await b.call('sources:create', { name: 'Communications centre' })
    const updated = await b.call('evidence:update', {
      id: video.id,
      title: 'Training ground clip',
      provenance: { platform: 'Telegram', publisherId: source.id, claimedPlace: 'Range 7' },
      claimLinks: [{ claimId: claim.id, stance: 'contradicts' }],
    })
    expect(updated.provenance).toMatchObject({
      platform: 'Telegram',
      publisherId: source.id,
      claimedPlace: 'Range 7',
      originalUrl: '',
    })
    expect(await stored(video.id)).toEqual(updated)
    const ghost = await b.refuse('evidence:update', {
      id: video.id,
      provenance: { publisherId: 'ghost' },
    })
    expect(ghost.message).toBe('Unknown source ghost: it may have been deleted.')

    const assessed = await b.call('evidence:assess', {
      id: video.id,
      status: 'verified',
      credibility: '2',
      rationale: 'Geolocated.',
    })
    expect(assessed.assessments.at(-1)).toMatchObject({ status: 'verified', by: 'mira' })

    await b.call('evidence:delete', { id: video.id })
    expect((await b.registryFile()).evidence.map((e) => e.id)).toEqual([image.id])
    await undo()
    expect((await b.registryFile()).evidence.map((e) => e.id)).toEqual([video.id, image.id])
    expect(await stored(video.id)).toEqual(assessed)
  })

  it('deleting a claim removes its links from items, segments and regions; undo restores them', async () => {
    const link = { claimId: claim.id, stance: 'supports' as const }
    await b.call('evidence:update', { id: video.id, claimLinks: [link] })
    await b.call('evidence:addSegment', { itemId: video.id, start: 0, end: 1, claimLinks: [link] })
    await b.call('evidence:addRegion', {
      itemId: image.id,
      x: 0,
      y: 0,
      width: 1,
      height: 1,
      claimLinks: [link],
    })
    const before = await b.registryFile()

    await b.call('claims:delete', { id: claim.id })
    const after = await b.registryFile()
    const [v, i] = after.evidence
    expect(v?.claimLinks).toEqual([])
    expect(v?.segments[0]?.claimLinks).toEqual([])
    expect(i?.regions[0]?.claimLinks).toEqual([])
    expect((await b.call('registry:get', {})).problems).toEqual([])

    await undo()
    expect(await b.registryFile()).toEqual(before)
  })

  it('deleting or merging a source moves or clears "published by" in the same step', async () => {
    const centre = await b.call('sources:create', { name: 'Communications centre' })
    const ministry = await b.call('sources:create', { name: 'Ministry' })
    await b.call('evidence:update', { id: video.id, provenance: { publisherId: centre.id } })

    await b.call('sources:merge', { sourceId: centre.id, targetId: ministry.id })
    expect((await stored(video.id)).provenance.publisherId).toBe(ministry.id)
    await undo()
    expect((await stored(video.id)).provenance.publisherId).toBe(centre.id)

    await b.call('sources:delete', { id: centre.id, claims: 'refuse' })
    expect((await stored(video.id)).provenance.publisherId).toBeNull()
    await undo()
    await b.call('sources:delete', { id: centre.id, claims: { reassignTo: ministry.id } })
    expect((await stored(video.id)).provenance.publisherId).toBe(ministry.id)
    expect((await b.call('registry:get', {})).problems).toEqual([])
  })

  it('mentions: link an evidence annotation; deleting the annotation unlinks it (undoable)', async () => {
    const article = await b.call('articles:add', HUR)
    const annotation = await b.call('annotations:create', {
      articleId: article.id,
      kind: 'evidence',
      ...rangeOf(HUR.text, 'Kyrylo Budanov'),
    })
    const mention = { articleId: article.id, annotationId: annotation.id }
    const linked = await b.call('evidence:linkMention', { id: video.id, mention })
    expect(linked.mentions).toEqual([mention])
    const missing = await b.refuse('evidence:linkMention', {
      id: video.id,
      mention: { articleId: article.id, annotationId: 'gone' },
    })
    expect(missing.code).toBe('not-found')

    await b.call('annotations:delete', { articleId: article.id, id: annotation.id })
    expect((await stored(video.id)).mentions).toEqual([])
    await undo()
    expect((await stored(video.id)).mentions).toEqual([mention])
    const unlinked = await b.call('evidence:unlinkMention', { id: video.id, mention })
    expect(unlinked.mentions).toEqual([])
  })

  it('reports evidence that points at missing claims, sources and annotations', async () => {
    const article = await b.call('articles:add', HUR)
    await b.call('projects:close', {})
    const path = join(b.folder, 'registry.json')
    const registry = JSON.parse(await readFile(path, 'utf8')) as { evidence: EvidenceItem[] }
    const [item] = registry.evidence as [EvidenceItem]
    item.claimLinks = [{ claimId: 'ghost-claim', stance: 'supports' }]
    item.provenance.publisherId = 'ghost-source'
    item.mentions = [{ articleId: article.id, annotationId: 'ghost-annotation' }]
    await writeFile(path, JSON.stringify(registry))
    await b.call('projects:open', { folder: b.folder })

    const problems = (await b.call('registry:get', {})).problems
    expect(problems.map((p) => [p.kind, p.entities])).toEqual([
      [
        'missing-claim',
        [
          { type: 'evidence', id: item.id },
          { type: 'claim', id: 'ghost-claim' },
        ],
      ],
      [
        'missing-source',
        [
          { type: 'evidence', id: item.id },
          { type: 'source', id: 'ghost-source' },
        ],
      ],
      [
        'missing-annotation',
        [
          { type: 'evidence', id: item.id },
          { type: 'annotation', id: 'ghost-annotation' },
        ],
      ],
    ])
    expect(problems[0]?.message).toBe(
      'Evidence «clip.mp4» is linked to claim ghost-claim, which does not exist.',
    )
    // Verifying still works on a reopened project.
    expect((await b.call('evidence:verify', { id: item.id, taskId: nextTaskId() })).state).toBe(
      'ok',
    )
  })
})
