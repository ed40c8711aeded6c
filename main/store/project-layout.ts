import { join } from 'node:path'

/** How a project folder is laid out on disk. */
export const PROJECT_FILE = 'project.json'
export const REGISTRY_FILE = 'registry.json'
export const ARTICLES_DIR = 'articles'
export const MEDIA_DIR = 'media'
/** Captured video frames, inside MEDIA_DIR. */
export const FRAMES_DIR = 'frames'
/** The append-only chain-of-custody log of evidence files (one JSON object a line). */
export const CUSTODY_FILE = 'custody.jsonl'
export const BACKUPS_DIR = '.backups'
export const LOCK_FILE = '.claimdesk.lock'

export const projectFilePath = (folder: string) => join(folder, PROJECT_FILE)
export const articleFilePath = (folder: string, articleId: string) =>
  join(folder, ARTICLES_DIR, `${articleId}.json`)
export const registryFilePath = (folder: string) => join(folder, REGISTRY_FILE)
export const custodyFilePath = (folder: string) => join(folder, CUSTODY_FILE)
