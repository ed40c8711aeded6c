import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { createMainApi } from '../../../main/api'
import { packProject, unpackAsNewProject } from '../../../main/sharing'
import type { CallInput, CallOutput, Channel } from '../../../shared/api'
import type { CustodyEntry, EvidenceItem } from '../../../shared/model/evidence'
import { RegistryDocument } from '../../../shared/model/registry'
import { clipMetadata, copiedClip } from '../../helpers/evidence-items'
import { NIS, PENTAGON } from '../../helpers/example-articles'
import { registryWorkbench } from '../../helpers/registry-workbench'
import { openTestApi } from '../../helpers/test-api'

export const USER = 'Mira Analyst'
const AT = '2026-03-02T08:00:00.000Z'

export interface SharedProject {
  folder: string
  /** A temp folder for the test's other files (packages, copies); removed by cleanup. */
  workDir: string
  ids: {
    articles: [string, string]
    claims: [string, string]
    source: string
    tag: string
    evidence: string
    frame: string
  }
  /** The copied evidence file and the frame, relative to the project folder. */
  mediaPaths: [string, string]
  cleanup(): Promise<void>
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/**
 * A small project built through the main API (two articles, tags, annotations, a source, two
 * claims with a relation, a custom status), then given one copied video evidence item with a
 * segment and a frame, and a custody log, written the way the project stores them.
 */
export async function buildSharedProject(): Promise<SharedProject> {
  const t = await openTestApi({
    prefix: 'claimdesk-share-',
    projectName: 'Nordkorea',
    userName: USER,
  })
  const w = registryWorkbench(() => t)
  const tag = await t.call('tags:create', { name: 'Truppen', color: '#1971c2' })
  const pentagon = await w.addArticle(PENTAGON)
  const nis = await w.addArticle(NIS)
  const first = w.claimOf(await w.select(pentagon, 'mindestens 3.000 Soldaten', { newClaim: true }))
  const second = w.claimOf(await w.select(nis, '1,500 elite soldiers', { newClaim: true }))
  const singh = await w.select(pentagon, 'Sabrina Singh', { newSource: true })
  const source = singh.source
  if (!source) throw new Error('test setup: expected a source')
  await t.call('claims:update', { id: first.id, saidBy: [source.id], tagIds: [tag.id] })
  await t.call('annotations:create', {
    articleId: nis,
    kind: 'note',
    ...w.range(nis, 'Vladivostok'),
    tagIds: [tag.id],
  })
  await t.call('relations:create', {
    type: 'contradicts',
    fromClaimId: first.id,
    toClaimId: second.id,
  })
  await t.call('statuses:create', { label: 'Needs footage', color: '#aa3300' })
  await t.api.dispose()

  const folder = t.folder
  const itemId = 'ev-0001'
  const frameId = 'fr-0001'
  const clip = randomBytes(256 * 1024)
  const frame = randomBytes(8 * 1024)
  const clipPath = `media/${itemId}/clip.mp4`
  const framePath = `media/frames/${frameId}.png`
  await mkdir(join(folder, 'media', itemId), { recursive: true })
  await mkdir(join(folder, 'media', 'frames'), { recursive: true })
  await writeFile(join(folder, clipPath), clip)
  await writeFile(join(folder, framePath), frame)
  const item: EvidenceItem = {
    id: itemId,
    kind: 'video',
    title: 'Training ground clip',
    file: copiedClip(clipPath, '/home/mira/Downloads/clip.mp4', {
      sha256: sha256(clip),
      size: clip.length,
    }),
    metadata: clipMetadata(),
    provenance: {
      originalUrl: 'https://t.me/example/1',
      platform: 'Telegram',
      publisherId: source.id,
      publishedAt: '2026-03-01',
      retrievedAt: '2026-03-02',
      retrievedBy: USER,
      claimedPlace: 'Training ground',
      claimedCoordinates: { lat: 43.1, lon: 131.9 },
      claimedDate: '',
      verificationNotes: '',
    },
    assessments: [{ status: 'unstarted', credibility: null, rationale: '', by: USER, at: AT }],
    claimLinks: [{ claimId: first.id, stance: 'supports' }],
    mentions: [],
    segments: [
      {
        id: 'seg-0001',
        start: 0.5,
        end: 2,
        label: 'Equipment handed out',
        note: '',
        claimLinks: [{ claimId: second.id, stance: 'context' }],
        createdAt: AT,
        updatedAt: AT,
      },
    ],
    frames: [
      {
        id: frameId,
        time: 1,
        segmentId: 'seg-0001',
        path: framePath,
        sha256: sha256(frame),
        width: 320,
        height: 240,
        note: '',
        createdAt: AT,
      },
    ],
    regions: [],
    createdAt: AT,
    updatedAt: AT,
  }
  const registryFile = join(folder, 'registry.json')
  const registry = RegistryDocument.parse(JSON.parse(await readFile(registryFile, 'utf8')))
  registry.evidence.push(item)
  await writeFile(registryFile, `${JSON.stringify(registry, null, 1)}\n`)
  const custody: CustodyEntry = {
    itemId,
    at: AT,
    by: USER,
    event: 'added',
    path: '/home/mira/Downloads/clip.mp4',
    sha256: item.file.sha256,
    detail: 'copied into the project',
  }
  await writeFile(join(folder, 'custody.jsonl'), `${JSON.stringify(custody)}\n`)

  return {
    folder,
    workDir: t.dir.path,
    ids: {
      articles: [pentagon, nis],
      claims: [first.id, second.id],
      source: source.id,
      tag: tag.id,
      evidence: itemId,
      frame: frameId,
    },
    mediaPaths: [clipPath, framePath],
    cleanup: () => t.dir.cleanup(),
  }
}

export interface PackedSharedProject extends SharedProject {
  /** `.claimdesk` packages of the shared project, in `workDir`. */
  withMedia: string
  documentsOnly: string
  /** A new copy of the project unpacked from `file`, as a colleague would unpack it. */
  copyOf(file: string): Promise<string>
}

/** The shared project packed once with and once without its media, for merge tests. */
export async function packSharedProject(): Promise<PackedSharedProject> {
  const shared = await buildSharedProject()
  const withMedia = join(shared.workDir, 'shared.claimdesk')
  const documentsOnly = join(shared.workDir, 'documents.claimdesk')
  await packProject(shared.folder, withMedia, { includeMedia: true })
  await packProject(shared.folder, documentsOnly, { includeMedia: false })
  let copies = 0
  const copyOf = async (file: string) => {
    const folder = join(shared.workDir, `copy-${++copies}`)
    await unpackAsNewProject(file, folder)
    return folder
  }
  return { ...shared, withMedia, documentsOnly, copyOf }
}

/** The SHA-256 of every file under `folder`, by relative path (a byte-for-byte fingerprint). */
export async function folderHashes(folder: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {}
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        hashes[`${relative(folder, path)}/`] = 'dir'
        await walk(path)
      } else hashes[relative(folder, path)] = sha256(await readFile(path))
    }
  }
  await walk(folder)
  return hashes
}

/** Opens `folder` in a fresh main API, runs `edit` with a typed `call`, and closes it again. */
export async function editProject(
  folder: string,
  dataDir: string,
  edit: (
    call: <C extends Channel>(c: C, input: CallInput<C>) => Promise<CallOutput<C>>,
  ) => Promise<void>,
): Promise<void> {
  const api = await createMainApi({
    dataDir,
    dialogs: {
      chooseFolder: async () => null,
      chooseFiles: async () => [],
      chooseSaveFile: async () => null,
    },
    emit: () => {},
    userName: USER,
  })
  const call = async <C extends Channel>(channel: C, input: CallInput<C>) => {
    const result = await api.invoke(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as CallOutput<C>
  }
  try {
    await call('projects:open', { folder })
    await edit(call)
  } finally {
    await api.dispose()
  }
}
