import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFile, type HashProgress } from '../../../main/evidence/hashing'
import { failureOf } from '../../helpers/failure'
import { tempDir } from '../../helpers/temp-dir'

const run = promisify(execFile)

/** The reference: coreutils' sha256sum, not our own code. */
async function sha256sum(file: string): Promise<string> {
  const { stdout } = await run('sha256sum', ['--binary', file])
  return stdout.split(' ')[0] ?? ''
}

/** Writes `megabytes` of random data in 1 MB pieces (never one big buffer). */
async function writeRandomFile(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < megabytes; i++) {
    if (!out.write(randomBytes(1024 * 1024))) await once(out, 'drain')
  }
  out.end()
  await finished(out)
}

describe('hashFile (real files, checked against sha256sum)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let big: string
  const BIG_MB = 30

  beforeAll(async () => {
    dir = await tempDir('claimdesk-hashing-')
    big = join(dir.path, 'footage.mp4')
    await writeRandomFile(big, BIG_MB)
  })
  afterAll(() => dir.cleanup())

  it('hashes a 30 MB file as sha256sum does, reports its size and progress up to the total', async () => {
    const progress: HashProgress[] = []
    const result = await hashFile(big, { onProgress: (p) => progress.push(p) })

    expect(result).toEqual({ sha256: await sha256sum(big), size: BIG_MB * 1024 * 1024 })
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)).toEqual({ done: result.size, total: result.size })
    const dones = progress.map((p) => p.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
  })

  it('hashes small and empty files', async () => {
    const small = join(dir.path, 'note.txt')
    await writeFile(small, 'Kursk, 2024-11-05\n')
    const empty = join(dir.path, 'empty.bin')
    await writeFile(empty, '')

    expect(await hashFile(small)).toEqual({ sha256: await sha256sum(small), size: 18 })
    expect(await hashFile(empty)).toEqual({ sha256: await sha256sum(empty), size: 0 })
  })

  it('copies byte for byte while hashing, into a folder it creates, leaving no temp file', async () => {
    const target = join(dir.path, 'project', 'media', 'copy.mp4')
    const result = await hashFile(big, { copyTo: target })

    expect(result.sha256).toBe(await sha256sum(big))
    expect(await sha256sum(target)).toBe(result.sha256)
    await run('cmp', [big, target])
    expect(await readdir(join(dir.path, 'project', 'media'))).toEqual(['copy.mp4'])
  })

  it('replaces an existing file at the copy target', async () => {
    const source = join(dir.path, 'new.jpg')
    await writeFile(source, 'new content')
    const target = join(dir.path, 'replace', 'old.jpg')
    await mkdir(join(dir.path, 'replace'))
    await writeFile(target, 'old content that is longer')

    await hashFile(source, { copyTo: target })
    expect(await readFile(target, 'utf8')).toBe('new content')
  })

  it('cancelled mid-way: fails as cancelled, naming the file, and leaves no partial copy', async () => {
    const media = join(dir.path, 'cancelled')
    const controller = new AbortController()
    const failure = await failureOf(
      hashFile(big, {
        copyTo: join(media, 'copy.mp4'),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done < p.total) controller.abort()
        },
      }),
    )

    expect(failure.code).toBe('cancelled')
    expect(failure.message).toContain('footage.mp4')
    expect(await readdir(media)).toEqual([])
  })

  it('an already cancelled signal reads nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    let calls = 0
    const failure = await failureOf(
      hashFile(big, { signal: controller.signal, onProgress: () => calls++ }),
    )
    expect(failure.code).toBe('cancelled')
    expect(calls).toBe(0)
  })

  it('refuses a missing file (not-found) and a folder (invalid-input), naming them', async () => {
    const missing = join(dir.path, 'gone.mp4')
    const notFound = await failureOf(hashFile(missing))
    expect(notFound.code).toBe('not-found')
    expect(notFound.message).toContain(missing)

    const folder = await failureOf(hashFile(dir.path, { copyTo: join(dir.path, 'x', 'copy') }))
    expect(folder.code).toBe('invalid-input')
    expect(folder.message).toContain(dir.path)
  })
})
