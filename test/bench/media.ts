/**
 * Media benchmark: hashing a 200 MB file as evidence is added (alone, and while copying it into
 * the project), against coreutils' sha256sum and a plain file copy; and the media protocol's
 * answers to 200 random 64 KB Range requests (the handler Electron and the harness share,
 * resolving the id against a real project), against reading the same bytes with fs.
 *
 * The file was just written, so it is in the page cache: the figures show the cost of our code
 * (hashing, copying, the handler), not the disk's speed. No targets: figures and ratios only.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { copyFile, mkdir, open, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import { hashFile } from '../../main/evidence/hashing'
import { mediaResolverFor } from '../../main/media/media-files'
import { createMediaHandler } from '../../main/media/media-protocol'
import { OpenProject } from '../../main/projects/open-project'
import { ELECTRON_MEDIA_BASE_URL, evidenceUrl } from '../../shared/media-urls'
import { EvidenceItem, emptyMetadata, emptyProvenance } from '../../shared/model/evidence'
import { formatMs, formatRatio, note, printTable } from './report'
import { median, percentile, timed } from './stats'
import { createRng } from './synthetic-text'

export interface MediaBenchOptions {
  /** Scratch folder (removed by the caller). */
  root: string
  /** Size of the file hashed and served, in MB. */
  megabytes?: number
  /** Range requests measured. */
  ranges?: number
}

const RUNS = 3
const RANGE_BYTES = 64 * 1024
const WARM_UP_RANGES = 20
const MB = 1024 * 1024
const run = promisify(execFile)

async function writeRandomFile(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < megabytes; i++) {
    if (!out.write(randomBytes(MB))) await once(out, 'drain')
  }
  out.end()
  await finished(out)
}

/** Median of RUNS timings of `fn`, in milliseconds. */
async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) samples.push((await timed(fn)).ms)
  return median(samples)
}

const throughput = (bytes: number, ms: number) => bytes / MB / (ms / 1000)

async function hashingFigures(file: string, bytes: number, scratch: string): Promise<void> {
  let copies = 0
  const nextCopy = () => join(scratch, `copy-${copies++}.mp4`)
  const ours = await medianMs(() => hashFile(file))
  const withCopy = await medianMs(async () => {
    const target = nextCopy()
    await hashFile(file, { copyTo: target })
    await rm(target)
  })
  const sha256sum = await medianMs(() => run('sha256sum', [file]))
  const plainCopy = await medianMs(async () => {
    const target = nextCopy()
    await copyFile(file, target)
    await rm(target)
  })

  const rows: Array<[string, number]> = [
    ['hashFile', ours],
    ['hashFile with copyTo (fsync, rename)', withCopy],
    ['sha256sum (coreutils)', sha256sum],
    ['fs.copyFile (no hash, no fsync)', plainCopy],
  ]
  printTable(
    [{ header: `${bytes / MB} MB, median of ${RUNS}`, align: 'left' }, 'time', 'MB/s'],
    rows.map(([label, ms]) => [label, formatMs(ms), throughput(bytes, ms).toFixed(0)]),
  )
  note(`hashFile / sha256sum time: ${formatRatio(ours / sha256sum)}`)
  note(`hashFile with copy / without: ${formatRatio(withCopy / ours)}`)
  note(`hashFile with copy / fs.copyFile: ${formatRatio(withCopy / plainCopy)}`)
}

/** Registers media/footage.mp4 as a copied evidence item, as the protocol resolves it. */
async function addFootage(project: OpenProject, size: number): Promise<void> {
  const at = new Date().toISOString()
  const item = EvidenceItem.parse({
    id: 'footage',
    kind: 'video',
    title: 'Benchmark footage',
    file: {
      storage: 'copy',
      path: 'media/footage.mp4',
      originalName: 'footage.mp4',
      addedFrom: '/home/bench/footage.mp4',
      sha256: '0'.repeat(64),
      size,
      mimeType: 'video/mp4',
    },
    metadata: emptyMetadata('MPEG-4'),
    provenance: emptyProvenance(),
    assessments: [{ status: 'unstarted', credibility: null, rationale: '', by: 'bench', at }],
    claimLinks: [],
    mentions: [],
    segments: [],
    frames: [],
    regions: [],
    createdAt: at,
    updatedAt: at,
  })
  await project.registry.update((registry) => {
    registry.evidence.push(item)
  })
}

async function rangeFigures(
  project: OpenProject,
  file: string,
  size: number,
  count: number,
): Promise<void> {
  const handler = createMediaHandler(mediaResolverFor(() => project))
  const url = evidenceUrl(ELECTRON_MEDIA_BASE_URL, 'footage')
  const rng = createRng(7)
  const starts = Array.from({ length: WARM_UP_RANGES + count }, () =>
    rng.int(0, size - RANGE_BYTES),
  )

  const viaHandler: number[] = []
  const viaFs: number[] = []
  for (const [i, start] of starts.entries()) {
    const end = start + RANGE_BYTES - 1
    const served = await timed(async () => {
      const response = await handler(
        new Request(url, { headers: { Range: `bytes=${start}-${end}` } }),
      )
      if (response.status !== 206) throw new Error(`range answered ${response.status}`)
      return (await response.arrayBuffer()).byteLength
    })
    if (served.value !== RANGE_BYTES) throw new Error(`range gave ${served.value} bytes`)
    const read = await timed(async () => {
      const handle = await open(file, 'r')
      try {
        await handle.read(Buffer.alloc(RANGE_BYTES), 0, RANGE_BYTES, start)
      } finally {
        await handle.close()
      }
    })
    if (i < WARM_UP_RANGES) continue
    viaHandler.push(served.ms)
    viaFs.push(read.ms)
  }

  printTable(
    [{ header: `${count} random 64 KB ranges`, align: 'left' }, 'p50', 'p95', 'max'],
    [
      ['media handler (resolve, open, stream)', ...stats(viaHandler)],
      ['fs open + read + close', ...stats(viaFs)],
    ],
  )
  note(
    `handler / fs, p50: ${formatRatio(median(viaHandler) / median(viaFs))}, ` +
      `p95: ${formatRatio(percentile(viaHandler, 95) / percentile(viaFs, 95))}`,
  )
}

const stats = (samples: number[]) => [
  formatMs(percentile(samples, 50)),
  formatMs(percentile(samples, 95)),
  formatMs(Math.max(...samples)),
]

export async function mediaBenchmark(options: MediaBenchOptions): Promise<void> {
  const megabytes = options.megabytes ?? 200
  const size = megabytes * MB
  const project = await OpenProject.create(join(options.root, 'project'), 'Media benchmark', {
    userName: 'bench',
  })
  try {
    const file = join(project.folder, 'media', 'footage.mp4')
    const written = await timed(() => writeRandomFile(file, megabytes))
    note(`wrote ${megabytes} MB of random bytes in ${formatMs(written.ms)} (page cache warm)`)
    await addFootage(project, size)

    const copies = join(options.root, 'copies')
    await mkdir(copies)
    await hashingFigures(file, size, copies)
    console.log('')
    await rangeFigures(project, file, size, options.ranges ?? 200)
  } finally {
    await project.close()
  }
}
