import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaResolverFor, openProjectOf } from '../../../main/media/media-files'
import { createMediaHandler, type MediaHandler } from '../../../main/media/media-protocol'
import type { OpenProject } from '../../../main/projects/open-project'
import { EvidenceItem, emptyProvenance, type EvidenceFile } from '../../../shared/model/evidence'
import { ELECTRON_MEDIA_BASE_URL, evidenceUrl, frameUrl } from '../../../shared/media-urls'
import { harnessMediaHandler, serveRenderer } from '../../harness/static-server'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const AT = '2024-11-05T10:00:00.000Z'
const HASH = 'a'.repeat(64)

/** A minimal valid evidence item (evidence:add may not exist yet: written straight to the registry). */
function evidenceJson(
  id: string,
  file: Partial<EvidenceFile>,
  frames: string[] = [],
): EvidenceItem {
  return EvidenceItem.parse({
    id,
    kind: 'video',
    title: `Footage ${id}`,
    file: {
      storage: 'copy',
      path: `media/${id}.mp4`,
      originalName: `${id}.mp4`,
      addedFrom: `/home/mira/Downloads/${id}.mp4`,
      sha256: HASH,
      size: 1,
      mimeType: 'video/mp4',
      ...file,
    },
    metadata: {
      format: 'MPEG-4',
      codec: 'AVC',
      durationSeconds: 12,
      width: 1280,
      height: 720,
      frameRate: 25,
      recordedAt: null,
      exifDate: null,
      gps: null,
      pageCount: null,
    },
    provenance: emptyProvenance(),
    assessments: [{ status: 'unstarted', credibility: null, rationale: '', by: 'mira', at: AT }],
    claimLinks: [],
    mentions: [],
    segments: [],
    frames: frames.map((frameId) => ({
      id: frameId,
      time: 3.5,
      segmentId: null,
      path: `media/frames/${frameId}.png`,
      sha256: HASH,
      width: 1280,
      height: 720,
      note: '',
      createdAt: AT,
    })),
    regions: [],
    createdAt: AT,
    updatedAt: AT,
  })
}

/** Bytes whose every position differs from its neighbours, so a wrong offset shows. */
function patternBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff
  return bytes
}

describe('media protocol (real project on disk, the handler Electron and the harness share)', () => {
  let t: TestApi
  let project: OpenProject
  let handler: MediaHandler
  const video = patternBytes(5000)
  const frame = Buffer.from('\x89PNG fake frame bytes')
  const linked = Buffer.from('%PDF-1.7 linked report')
  let outside: string

  const media = (path: string) => `${ELECTRON_MEDIA_BASE_URL}${path}`
  const get = (url: string, init: RequestInit = {}) => handler(new Request(url, init))
  const range = (url: string, value: string) => get(url, { headers: { Range: value } })
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer())

  beforeAll(async () => {
    t = await openTestApi({ prefix: 'claimdesk-media-' })
    project = t.api.workspace.project()
    handler = createMediaHandler(mediaResolverFor(() => openProjectOf(t.api.workspace)))
    outside = join(t.dir.path, 'outside')
    await mkdir(outside)
    await mkdir(join(t.folder, 'media', 'frames'), { recursive: true })
    await writeFile(join(t.folder, 'media', 'vid.mp4'), video)
    await writeFile(join(t.folder, 'media', 'frames', 'frm.png'), frame)
    await writeFile(join(t.folder, 'media', 'hijacked.mp4'), 'original')
    await writeFile(join(t.folder, 'media', 'removed.mp4'), 'soon gone')
    await writeFile(join(outside, 'report.pdf'), linked)
    await writeFile(join(outside, 'secret.txt'), 'not evidence')
    await project.registry.update((registry) => {
      registry.evidence.push(
        evidenceJson('vid', { size: video.length }, ['frm']),
        evidenceJson('pdf', {
          storage: 'link',
          path: join(outside, 'report.pdf'),
          mimeType: 'application/pdf',
        }),
        evidenceJson('hijacked', {}),
        evidenceJson('removed', {}),
        evidenceJson('escape', { path: '../outside/secret.txt' }),
      )
    })
  })
  afterAll(() => t.close())

  it('answers GET with the whole file, its type, and the headers the renderer relies on', async () => {
    const response = await get(media(evidenceUrl('', 'vid', HASH)))
    expect(response.status).toBe(200)
    expect(await bytesOf(response)).toEqual(video)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': '5000',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    })
  })

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, 4999],
    ['bytes=-50', 4950, 4999],
    ['bytes=4990-99999', 4990, 4999],
  ])('answers Range %s with 206 and exactly bytes %i–%i', async (header, start, end) => {
    const response = await range(media('evidence/vid'), header)
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/5000`)
    expect(response.headers.get('content-length')).toBe(String(end - start + 1))
    expect(await bytesOf(response)).toEqual(video.subarray(start, end + 1))
  })

  it.each(['bytes=999999999-', 'bytes=abc', 'bytes=50-10', 'bytes=-0', 'bytes 0-5'])(
    'answers an unsatisfiable or malformed Range (%s) with 416 and the size',
    async (header) => {
      const response = await range(media('evidence/vid'), header)
      expect(response.status).toBe(416)
      expect(response.headers.get('content-range')).toBe('bytes */5000')
    },
  )

  it.each(['bytes=0-9, 20-29', 'items=0-5'])(
    'answers %s with the whole file (several ranges: documented; unknown unit: RFC 9110)',
    async (header) => {
      const response = await range(media('evidence/vid'), header)
      expect(response.status).toBe(200)
      expect((await bytesOf(response)).length).toBe(5000)
    },
  )

  it('answers HEAD with the headers and no body, and refuses other methods with 405', async () => {
    const head = await get(media('evidence/vid'), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('5000')
    expect((await bytesOf(head)).length).toBe(0)

    const headRange = await get(media('evidence/vid'), {
      method: 'HEAD',
      headers: { Range: 'bytes=-10' },
    })
    expect(headRange.status).toBe(206)
    expect(headRange.headers.get('content-range')).toBe('bytes 4990-4999/5000')

    const headMissing = await get(media('evidence/nope'), { method: 'HEAD' })
    expect(headMissing.status).toBe(404)
    expect((await bytesOf(headMissing)).length).toBe(0)

    const post = await get(media('evidence/vid'), { method: 'POST', body: 'x' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('serves a captured frame as PNG and a linked file where it lies', async () => {
    const png = await get(media(frameUrl('', 'vid', 'frm')))
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(await bytesOf(png)).toEqual(frame)

    const pdf = await get(media('evidence/pdf'))
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(await bytesOf(pdf)).toEqual(linked)
  })

  it.each([
    'evidence/nope',
    'frame/vid/nope',
    'frame/nope/frm',
    'evidence/..%2F..%2Fetc%2Fpasswd',
    'evidence/../../project.json',
    'evidence/vid/extra',
    'project.json',
  ])('answers %s with 404', async (path) => {
    expect((await get(media(path))).status).toBe(404)
  })

  it('refuses with 403 a copied file that leads outside the project (symlink or ../)', async () => {
    const file = join(t.folder, 'media', 'hijacked.mp4')
    await rm(file)
    await symlink(join(outside, 'secret.txt'), file)

    const hijacked = await get(media('evidence/hijacked'))
    expect(hijacked.status).toBe(403)
    expect(await hijacked.text()).not.toContain('not evidence')
    expect((await get(media('evidence/escape'))).status).toBe(403)
  })

  it('answers 404 naming the problem when the file was removed after it was added', async () => {
    await rm(join(t.folder, 'media', 'removed.mp4'))
    const response = await get(media('evidence/removed'))
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('missing')
  })

  it('the harness server answers the same over HTTP, ranges included', async () => {
    const server = await serveRenderer(join(t.dir.path, 'no-renderer'), {
      media: harnessMediaHandler(t.api.workspace),
    })
    try {
      const base = `${server.url}/claimdesk-media/`
      const response = await fetch(evidenceUrl(base, 'vid', HASH), {
        headers: { Range: 'bytes=10-19' },
      })
      expect(response.status).toBe(206)
      expect(response.headers.get('content-range')).toBe('bytes 10-19/5000')
      expect(await bytesOf(response)).toEqual(video.subarray(10, 20))
      expect((await fetch(`${base}evidence/nope`)).status).toBe(404)
    } finally {
      await server.close()
    }
  })

  it('answers 404 once no project is open', async () => {
    expect((await get(media('evidence/vid'))).status).toBe(200)
    await t.call('projects:close', {})
    expect((await get(media('evidence/vid'))).status).toBe(404)
  })
})
