import { writeFileDurably } from '../store/durable-write'
import type { ProjectSnapshot } from '../sharing/project-snapshot'

/** What an export reads: a project's documents, and its folder when it is not a package. */
export interface ExportSource {
  snapshot: ProjectSnapshot
  /** The project folder (for media), or null when exporting from a `.claimdesk` file. */
  folder: string | null
}

/**
 * One output format of `claimdesk export --format <id>`. A format module exports one of these;
 * adding it to EXPORT_FORMATS below makes it available (and listed in --help).
 */
export interface ExportFormat {
  /** The name given to --format, e.g. 'json', 'w3c', 'qdpx', 'csv'. */
  id: string
  /** One line for --help. */
  description: string
  /** The usual file extension, with its dot. */
  extension: string
  write(source: ExportSource, outFile: string): Promise<void>
}

/** The project's documents combined into one JSON file. */
const jsonExport: ExportFormat = {
  id: 'json',
  description: "the project's documents (project, registry, articles, custody log) in one file",
  extension: '.json',
  async write({ snapshot }, outFile) {
    const body = {
      format: 'claimdesk-project-json',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      project: snapshot.project,
      registry: snapshot.registry,
      articles: snapshot.articles,
      custody: snapshot.custody,
    }
    await writeFileDurably(outFile, `${JSON.stringify(body, null, 1)}\n`)
  },
}

/** The formats the CLI offers, in --help order. */
export const EXPORT_FORMATS: ExportFormat[] = [jsonExport]

/** Adds a format at run time (e.g. from a module that cannot be imported here); ids are unique. */
export function registerExportFormat(format: ExportFormat): void {
  if (EXPORT_FORMATS.some((f) => f.id === format.id)) {
    throw new Error(`An export format "${format.id}" is already registered.`)
  }
  EXPORT_FORMATS.push(format)
}

export const findExportFormat = (id: string): ExportFormat | undefined =>
  EXPORT_FORMATS.find((f) => f.id === id)
