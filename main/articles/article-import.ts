import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportReport } from '../../shared/api'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { addArticle } from './articles'
import { extractArticle, MAX_IMPORT_BYTES } from './import'

export interface IncomingFile {
  fileName: string
  /** The bytes, or a reason they could not be read. */
  bytes: Uint8Array | { error: string }
}

/** Imports files one by one; a bad file is reported by name and changes nothing. */
export async function importArticleFiles(
  project: OpenProject,
  files: IncomingFile[],
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], failed: [] }
  for (const file of files) {
    try {
      if ('error' in file.bytes) throw new AppFailure('import-rejected', file.bytes.error)
      const extracted = extractArticle(file.fileName, file.bytes)
      const summary = await addArticle(
        project,
        {
          title: extracted.title,
          text: extracted.text,
          outlet: extracted.outlet,
          authors: extracted.authors,
          url: /^https?:\/\//i.test(extracted.url) ? extracted.url : '',
          publishedAt: extracted.publishedAt,
          language: extracted.language,
        },
        {
          kind: 'file',
          fileName: extracted.fileName,
          format: extracted.format,
          sha256: extracted.sha256,
          byteLength: extracted.byteLength,
        },
      )
      report.imported.push(summary)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      report.failed.push({ fileName: file.fileName, message })
    }
  }
  return report
}

/** Reads files chosen in the open dialog, refusing oversized ones before reading them. */
export async function readChosenFiles(paths: string[]): Promise<IncomingFile[]> {
  return Promise.all(
    paths.map(async (path): Promise<IncomingFile> => {
      const fileName = basename(path)
      try {
        const info = await stat(path)
        if (!info.isFile()) return { fileName, bytes: { error: `"${fileName}" is not a file.` } }
        if (info.size > MAX_IMPORT_BYTES) {
          const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
          return {
            fileName,
            bytes: {
              error: `"${fileName}" is ${mb(info.size)}; articles larger than ${mb(MAX_IMPORT_BYTES)} are not imported.`,
            },
          }
        }
        return { fileName, bytes: new Uint8Array(await readFile(path)) }
      } catch (error) {
        return {
          fileName,
          bytes: { error: `"${fileName}" could not be read: ${(error as Error).message}` },
        }
      }
    }),
  )
}

/** Decodes files dropped on the window (sent base64-encoded over the bridge). */
export function decodeDroppedFiles(
  files: Array<{ fileName: string; dataBase64: string }>,
): IncomingFile[] {
  return files.map((f) => ({
    fileName: basename(f.fileName),
    bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')),
  }))
}
