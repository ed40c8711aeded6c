import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Events } from '../../../shared/api'
import { ProjectDocument } from '../../../shared/model/project'
import {
  FIXTURE_CLIP_FPS,
  FIXTURE_CLIP_HEIGHT,
  FIXTURE_CLIP_RECORDED_AT,
  FIXTURE_CLIP_SECONDS,
  FIXTURE_CLIP_WIDTH,
  FIXTURE_IMAGE_HEIGHT,
  FIXTURE_IMAGE_WIDTH,
  FIXTURE_PDF_PAGES,
  FIXTURE_PHOTO_EXIF_DATE,
  FIXTURE_PHOTO_GPS,
  makeLargeClip,
} from '../../helpers/media-fixtures'
import { type EvidenceBench, nextTaskId, openEvidenceBench, sha256sum } from './evidence-setup'

describe('adding evidence files (real files, ffmpeg-made media)', () => {
  let b: EvidenceBench
  let onEvent: (event: string, payload: unknown) => void = () => {}

  beforeEach(async () => {
    onEvent = () => {}
    b = await openEvidenceBench((event, payload) => onEvent(event, payload))
  })
  afterEach(async () => {
    await b.close()
  })

  const mediaFiles = async () => (await readdir(join(b.folder, 'media'))).sort()

  it('copies an MP4 into media/ with its hash, metadata and an "added" custody entry', async () => {
    const source = await b.fixture('clip.mp4')
    const item = await b.addOne(source, 'copy')

    expect(item).toMatchObject({
      kind: 'video',
      title: 'clip.mp4',
      file: {
        storage: 'copy',
        path: `media/${item.id}.mp4`,
        originalName: 'clip.mp4',
        addedFrom: source,
        mimeType: 'video/mp4',
      },
      metadata: {
        format: 'MPEG-4',
        codec: 'AVC',
        durationSeconds: FIXTURE_CLIP_SECONDS,
        width: FIXTURE_CLIP_WIDTH,
        height: FIXTURE_CLIP_HEIGHT,
        frameRate: FIXTURE_CLIP_FPS,
        recordedAt: FIXTURE_CLIP_RECORDED_AT,
        exifDate: null,
        gps: null,
      },
    })
    expect(item.assessments).toEqual([
      expect.objectContaining({ status: 'unstarted', credibility: null, by: 'mira' }),
    ])
    expect(item.file.sha256).toBe(await sha256sum(source))
    const copy = join(b.folder, item.file.path)
    expect((await readFile(copy)).equals(await readFile(source))).toBe(true)
    expect(await mediaFiles()).toEqual([`${item.id}.mp4`])
    expect((await b.registryFile()).evidence).toEqual([item])

    const custody = await b.call('evidence:custody', { id: item.id })
    expect(custody).toEqual([
      expect.objectContaining({
        itemId: item.id,
        event: 'added',
        path: source,
        sha256: item.file.sha256,
        by: 'mira',
      }),
    ])
    expect(custody[0]?.detail).toContain(item.file.path)

    const mine = b.progress.filter((p) => p.label.includes('clip.mp4'))
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.at(-1)).toMatchObject({ done: item.file.size, total: item.file.size })
    expect((await b.call('history:state', {})).undoLabel).toBe('Add evidence «clip.mp4»')
  })

  it('links WebM and QuickTime clips where they lie, reading their metadata', async () => {
    const webm = await b.fixture('clip.webm')
    const mov = await b.fixture('clip.mov')
    const report = await b.add([webm, mov], 'link')
    expect(report.failed).toEqual([])
    expect(report.cancelled).toBe(false)
    const [first, second] = report.added
    expect(first).toMatchObject({
      file: { storage: 'link', path: webm, mimeType: 'video/webm', sha256: await sha256sum(webm) },
      metadata: {
        format: 'WebM',
        codec: 'VP9',
        durationSeconds: FIXTURE_CLIP_SECONDS,
        width: FIXTURE_CLIP_WIDTH,
        height: FIXTURE_CLIP_HEIGHT,
        frameRate: FIXTURE_CLIP_FPS,
        recordedAt: FIXTURE_CLIP_RECORDED_AT,
      },
    })
    expect(second).toMatchObject({
      file: {
        storage: 'link',
        path: mov,
        mimeType: 'video/quicktime',
        sha256: await sha256sum(mov),
      },
      metadata: { codec: 'AVC', durationSeconds: FIXTURE_CLIP_SECONDS, width: FIXTURE_CLIP_WIDTH },
    })
    expect(await mediaFiles()).toEqual([])
    expect((await b.call('history:state', {})).undoLabel).toBe('Add 2 evidence files')
  })

  it('reads EXIF date and GPS from a photo, sizes of PNG and WebP, and pages of a PDF', async () => {
    const report = await b.add(
      [
        await b.fixture('photo.jpg'),
        await b.fixture('image.png'),
        await b.fixture('image.webp'),
        await b.fixture('doc.pdf'),
      ],
      'copy',
    )
    expect(report.failed).toEqual([])
    const [photo, png, webp, pdf] = report.added
    expect(photo).toMatchObject({
      kind: 'image',
      file: { mimeType: 'image/jpeg' },
      metadata: {
        format: 'JPEG',
        width: FIXTURE_IMAGE_WIDTH,
        height: FIXTURE_IMAGE_HEIGHT,
        exifDate: FIXTURE_PHOTO_EXIF_DATE,
        durationSeconds: null,
        codec: null,
      },
    })
    expect(photo?.metadata.gps?.lat).toBeCloseTo(FIXTURE_PHOTO_GPS.lat, 6)
    expect(photo?.metadata.gps?.lon).toBeCloseTo(FIXTURE_PHOTO_GPS.lon, 6)
    for (const image of [png, webp]) {
      expect(image?.metadata).toMatchObject({
        width: FIXTURE_IMAGE_WIDTH,
        height: FIXTURE_IMAGE_HEIGHT,
        exifDate: null,
        gps: null,
      })
    }
    expect(png?.file.mimeType).toBe('image/png')
    expect(webp?.file.mimeType).toBe('image/webp')
    expect(pdf).toMatchObject({
      kind: 'document',
      file: { mimeType: 'application/pdf', path: `media/${pdf?.id}.pdf` },
      metadata: { format: 'PDF', pageCount: FIXTURE_PDF_PAGES },
    })
    expect(await mediaFiles()).toHaveLength(4)
  })

  it('refuses each bad file with a message naming it, and leaves the project as it was', async () => {
    const random = join(b.downloads, 'random.bin')
    await writeFile(random, Buffer.from('just some text, not media at all\n'.repeat(20)))
    const bad = [
      await b.fixture('truncated.mp4'),
      await b.fixture('mpeg4-part2.mp4'),
      await b.fixture('empty.mp4'),
      await b.fixture('png-named.mp4', 'clip.mp4'),
      random,
    ]
    const before = await b.registryBytes()
    const report = await b.add(bad, 'copy')

    expect(report.added).toEqual([])
    expect(report.cancelled).toBe(false)
    expect(report.failed.map((f) => f.fileName)).toEqual([
      'truncated.mp4',
      'mpeg4-part2.mp4',
      'empty.mp4',
      'clip.mp4',
      'random.bin',
    ])
    const [truncated, mpeg4, empty, mismatch, unknown] = report.failed.map((f) => f.message)
    expect(truncated).toMatch(/^truncated\.mp4 is truncated or damaged/)
    expect(mpeg4).toBe(
      'mpeg4-part2.mp4 uses the MPEG-4 Visual codec, which Claimdesk cannot play; convert it to H.264 MP4 or WebM.',
    )
    expect(empty).toBe('empty.mp4 is empty (0 bytes).')
    expect(mismatch).toBe(
      'clip.mp4 contains a PNG image, not an MP4 video: rename it to .png or choose the right file.',
    )
    expect(unknown).toBe('random.bin is not a video, image or PDF Claimdesk can hold.')
    expect(await b.registryBytes()).toBe(before)
    expect(await mediaFiles()).toEqual([])
    expect((await b.call('history:state', {})).canUndo).toBe(false)
  })

  it('adds the good files of a batch and refuses duplicates, in the batch and in the project', async () => {
    const clip = await b.fixture('clip.mp4')
    const first = await b.addOne(clip)
    const again = await b.fixture('clip.mp4', 'same-clip-renamed.mp4')
    const report = await b.add([
      await b.fixture('image.png'),
      again,
      await b.fixture('image.png', 'copy.png'),
    ])

    expect(report.added.map((i) => i.title)).toEqual(['image.png'])
    expect(report.failed).toEqual([
      {
        fileName: 'same-clip-renamed.mp4',
        message: `same-clip-renamed.mp4 is already in the project as «${first.title}».`,
      },
      { fileName: 'copy.png', message: 'copy.png is already in the project as «image.png».' },
    ])
    expect((await b.registryFile()).evidence.map((e) => e.title)).toEqual(['clip.mp4', 'image.png'])
    // The refused duplicates left no copies behind.
    expect(await mediaFiles()).toHaveLength(2)
  })

  it('uses the project setting for storage, and the setting is saved in project.json', async () => {
    const info = await b.call('projects:updateSettings', { evidenceStorage: 'link' })
    expect(info.settings).toEqual({ evidenceStorage: 'link' })
    const saved = ProjectDocument.parse(
      JSON.parse(await readFile(join(b.folder, 'project.json'), 'utf8')),
    )
    expect(saved.settings.evidenceStorage).toBe('link')

    const source = await b.fixture('clip.mp4')
    const item = await b.addOne(source)
    expect(item.file).toMatchObject({ storage: 'link', path: source })
    expect(await mediaFiles()).toEqual([])
  })

  it('stops when cancelled: keeps the files finished, leaves no partial copy', async () => {
    const small = await b.fixture('image.png')
    const large = await makeLargeClip(b.downloads, 24)
    const taskId = nextTaskId()
    let largeStart: number | null = null
    onEvent = (event, payload) => {
      const p = payload as Events['task:progress']
      if (event !== 'task:progress' || p.taskId !== taskId || !p.label.includes('large.mp4')) return
      largeStart ??= p.done
      // Cancel once hashing the large file is under way (at the latest, at its last chunk).
      if (p.done > largeStart) void b.api.invoke('tasks:cancel', { taskId })
    }
    const registryBefore = await b.registryBytes()
    const report = await b.call('evidence:add', {
      taskId,
      files: [
        { path: small, storage: 'copy' },
        { path: large, storage: 'copy' },
      ],
    })

    expect(largeStart).not.toBeNull()
    expect(report.cancelled).toBe(true)
    expect(report.failed).toEqual([])
    expect(report.added.map((i) => i.title)).toEqual(['image.png'])
    expect(await mediaFiles()).toEqual([`${report.added[0]?.id}.png`])
    expect(await b.registryBytes()).not.toBe(registryBefore)
    expect((await b.registryFile()).evidence.map((e) => e.title)).toEqual(['image.png'])
    // The finished task is forgotten: its id can be used again.
    const again = await b.call('evidence:add', {
      taskId,
      files: [{ path: await b.fixture('doc.pdf') }],
    })
    expect(again.added).toHaveLength(1)
  })

  it('stops hashing when the project is closed, and leaves nothing behind', async () => {
    const large = await makeLargeClip(b.downloads, 24)
    const taskId = nextTaskId()
    const seen: Array<Events['task:progress']> = []
    let closing: Promise<unknown> | null = null
    onEvent = (event, payload) => {
      const p = payload as Events['task:progress']
      if (event !== 'task:progress' || p.taskId !== taskId) return
      seen.push(p)
      // Close the project as soon as hashing has started (before its last chunk).
      if (p.total !== null && p.done < p.total) {
        closing ??= b.api.invoke('projects:close', {})
      }
    }
    const registryBefore = await b.registryBytes()
    const added = await b.api.invoke('evidence:add', {
      taskId,
      files: [{ path: large, storage: 'copy' }],
    })
    await closing

    expect(closing).not.toBeNull()
    // Either answer says the file was not added: cancelled, or no project to add it to.
    if (added.ok) {
      const report = added.value as { added: unknown[]; cancelled: boolean }
      expect(report.added).toEqual([])
      expect(report.cancelled).toBe(true)
    } else expect(['cancelled', 'no-project-open']).toContain(added.error.code)
    // Hashing stopped: the last progress report is short of the file's size.
    const last = seen.at(-1)
    expect(last?.total).not.toBeNull()
    expect(last!.done).toBeLessThan(last!.total!)
    expect(await mediaFiles()).toEqual([])
    expect(await b.registryBytes()).toBe(registryBefore)
  })

  it('other edits go ahead while a file is hashed; the evidence is committed after them', async () => {
    const taskId = nextTaskId()
    let claimCreated: Promise<unknown> | null = null
    onEvent = (event, payload) => {
      const p = payload as Events['task:progress']
      if (event !== 'task:progress' || p.taskId !== taskId || claimCreated) return
      claimCreated = b.api.invoke('claims:create', { statement: 'Made while hashing.' })
    }
    const report = await b.call('evidence:add', {
      taskId,
      files: [{ path: await b.fixture('clip.mp4') }],
    })
    expect(report.added).toHaveLength(1)
    expect(await claimCreated).toMatchObject({ ok: true })
    // The mutation queue is first in, first out: had hashing held it, the claim would come last.
    expect((await b.call('history:state', {})).undoLabel).toBe('Add evidence «clip.mp4»')
    expect((await b.call('history:undo', {})).undoLabel).toBe('Create claim')
  })

  it('undo removes added evidence and redo brings it back; the copy stays in media/', async () => {
    const item = await b.addOne(await b.fixture('clip.mp4'))
    await b.call('history:undo', {})
    expect((await b.registryFile()).evidence).toEqual([])
    expect(await mediaFiles()).toEqual([`${item.id}.mp4`])
    await b.call('history:redo', {})
    expect((await b.registryFile()).evidence).toEqual([item])
  })
})
