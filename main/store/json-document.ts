import { readFile } from 'node:fs/promises'
import { Low } from 'lowdb'
import type { z } from 'zod'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import type { BackupStore } from './backups'
import { KeyedQueue, writeFileDurably } from './durable-write'
import { type DocumentKind, migrateDocument } from './migrations'

/** One queue for the whole process: two handles on one file still never write at once. */
const writeQueue = new KeyedQueue()

export interface DocumentSpec<T> {
  kind: DocumentKind
  schema: z.ZodType<T>
  /** How the file is named in messages, e.g. `articles/<id>.json in project "Korea"`. */
  label: string
}

/**
 * lowdb adapter for a validated JSON document: reads, migrates and validates on load (a
 * file that fails is reported, never overwritten), and writes durably through one queue
 * per file, taking a rolling backup of the previous version first.
 */
class ValidatedJsonAdapter<T> {
  constructor(
    private readonly file: string,
    private readonly spec: DocumentSpec<T>,
    private readonly backups: BackupStore | null,
  ) {}

  /** Set by read() when the file on disk was an older schemaVersion. */
  migratedFrom: number | null = null

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new AppFailure(
        'io-error',
        `${this.spec.label} cannot be read: ${(error as Error).message}`,
      )
    }
    return parseDocument(text, this.spec, (fromVersion) => {
      this.migratedFrom = fromVersion
    })
  }

  async write(data: T): Promise<void> {
    const text = `${JSON.stringify(data, null, 1)}\n`
    await writeQueue.run(this.file, async () => {
      await this.backups?.backupIfDue(this.file)
      await writeFileDurably(this.file, text)
    })
  }
}

/** Parses, migrates and validates a document's text; throws `corrupt-file` naming what failed. */
export function parseDocument<T>(
  text: string,
  spec: DocumentSpec<T>,
  onMigrated?: (fromVersion: number) => void,
): T {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    const problem =
      text.trim() === ''
        ? 'the file is empty'
        : `it is not valid JSON (${(error as Error).message})`
    throw new AppFailure('corrupt-file', `${spec.label} is damaged: ${problem}.`, { problem })
  }
  const { doc, fromVersion } = migrateDocument(spec.kind, raw, spec.label)
  const parsed = spec.schema.safeParse(doc)
  if (!parsed.success) {
    const problem = describeZodError(parsed.error)
    throw new AppFailure('corrupt-file', `${spec.label} is damaged: ${problem}.`, { problem })
  }
  if (
    fromVersion !== 0 &&
    fromVersion !== (parsed.data as { schemaVersion?: number }).schemaVersion
  ) {
    onMigrated?.(fromVersion)
  }
  return parsed.data
}

export interface StoredDocument<T> {
  readonly file: string
  readonly data: T
  /** Applies `mutate` to the data and writes the document durably. */
  update(mutate: (data: T) => void): Promise<void>
  /** Replaces the whole document and writes it. */
  replace(data: T): Promise<void>
}

class LowDocument<T> implements StoredDocument<T> {
  constructor(
    readonly file: string,
    private readonly db: Low<T>,
  ) {}

  get data(): T {
    return this.db.data
  }

  async update(mutate: (data: T) => void): Promise<void> {
    await this.db.update(mutate)
  }

  async replace(data: T): Promise<void> {
    this.db.data = data
    await this.db.write()
  }
}

/** Loads an existing document; `not-found` if it is missing, `corrupt-file` if it fails. */
export async function loadDocument<T>(
  file: string,
  spec: DocumentSpec<T>,
  backups: BackupStore | null,
): Promise<StoredDocument<T>> {
  const adapter = new ValidatedJsonAdapter(file, spec, backups)
  // lowdb insists on default data; null marks "no file" and is checked below.
  const db = new Low<T>(adapter, null as T)
  await db.read()
  if (db.data === null || db.data === undefined) {
    throw new AppFailure('not-found', `${spec.label} does not exist.`)
  }
  if (adapter.migratedFrom !== null) {
    // Keep the old version, then write the upgraded one so the next open needs no migration.
    await backups?.backupNow(file)
    await db.write()
  }
  return new LowDocument(file, db)
}

/** Creates a new document on disk with `data`. */
export async function createDocument<T>(
  file: string,
  spec: DocumentSpec<T>,
  data: T,
  backups: BackupStore | null,
): Promise<StoredDocument<T>> {
  const db = new Low<T>(new ValidatedJsonAdapter(file, spec, backups), data)
  await db.write()
  return new LowDocument(file, db)
}

/** Waits for every queued write in this process (used on close and in tests). */
export function flushWrites(): Promise<void> {
  return writeQueue.idle()
}
