import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KeyedQueue, writeFileDurably } from '../../../main/store/durable-write'
import { tempDir } from '../../helpers/temp-dir'

describe('writeFileDurably', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeEach(async () => {
    dir = await tempDir()
  })
  afterEach(async () => dir.cleanup())

  it('replaces the file and leaves no temp file', async () => {
    const file = join(dir.path, 'doc.json')
    await writeFileDurably(file, 'one')
    await writeFileDurably(file, 'two')
    expect(await readFile(file, 'utf8')).toBe('two')
    expect(await readdir(dir.path)).toEqual(['doc.json'])
  })

  it('fails cleanly when the folder is gone, leaving nothing behind', async () => {
    await expect(writeFileDurably(join(dir.path, 'missing', 'doc.json'), 'x')).rejects.toThrow(
      /Could not save .*doc\.json: its folder is missing/,
    )
  })
})

describe('KeyedQueue', () => {
  it('runs tasks for one key in order and other keys independently', async () => {
    const queue = new KeyedQueue()
    const log: string[] = []
    const slow = (label: string, ms: number) => () =>
      new Promise<void>((done) =>
        setTimeout(() => {
          log.push(label)
          done()
        }, ms),
      )
    await Promise.all([
      queue.run('a', slow('a1', 30)),
      queue.run('a', slow('a2', 1)),
      queue.run('b', slow('b1', 5)),
    ])
    expect(log).toEqual(['b1', 'a1', 'a2'])
  })

  it('keeps going after a failed task', async () => {
    const queue = new KeyedQueue()
    await expect(queue.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    await expect(queue.run('k', async () => 'next')).resolves.toBe('next')
    await queue.idle()
  })
})
