import { open, readFile } from 'node:fs/promises'
import { CustodyEntry } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import { KeyedQueue, ioReason } from '../store/durable-write'
import { custodyFilePath } from '../store/project-layout'

/** Appends to one log never interleave (a second writer must not split a line). */
const appends = new KeyedQueue()

/**
 * Appends one entry to the project's custody log (custody.jsonl) and fsyncs it before
 * returning. The log is never rewritten: entries are only ever added.
 */
export async function appendCustody(folder: string, entry: CustodyEntry): Promise<void> {
  const parsed = CustodyEntry.safeParse(entry)
  if (!parsed.success) {
    throw new AppFailure(
      'internal',
      `A custody entry was not valid: ${describeZodError(parsed.error)}.`,
    )
  }
  const file = custodyFilePath(folder)
  await appends.run(file, async () => {
    let handle
    try {
      handle = await open(file, 'a+')
      const { size } = await handle.stat()
      // A crash mid-append can leave a last line without its newline: start a fresh line so
      // the new entry is not glued onto the damaged one.
      let lead = ''
      if (size > 0) {
        const last = Buffer.alloc(1)
        await handle.read(last, 0, 1, size - 1)
        if (last[0] !== 0x0a) lead = '\n'
      }
      await handle.appendFile(`${lead}${JSON.stringify(parsed.data)}\n`, 'utf8')
      await handle.sync()
    } catch (error) {
      throw new AppFailure(
        'io-error',
        `Could not add to the custody log ${file}: ${ioReason(error)}.`,
        { file },
      )
    } finally {
      await handle?.close()
    }
  })
}

/**
 * Every valid entry of the log, oldest first (optionally only one item's). Lines that do not
 * parse (a crash mid-append) are skipped: one damaged line must not hide the rest.
 */
export async function readCustody(folder: string, itemId?: string): Promise<CustodyEntry[]> {
  const file = custodyFilePath(folder)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const entries: CustodyEntry[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      continue
    }
    const entry = CustodyEntry.safeParse(json)
    if (entry.success && (itemId === undefined || entry.data.itemId === itemId)) {
      entries.push(entry.data)
    }
  }
  return entries
}
