import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { fileTypeFromFile } from 'file-type'
import type { EvidenceKind } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'

/** What a file's content says it is, as far as evidence cares. */
export interface IdentifiedFile {
  kind: EvidenceKind
  /** From the content, e.g. video/mp4. */
  mimeType: string
  /** The extension a copy in media/ gets (from the content, not the name). */
  extension: string
  size: number
}

interface AcceptedType {
  kind: EvidenceKind
  /** How a message names it: "an MP4 video". */
  described: string
  /** Extensions that name this type; the first is the one a copy gets. */
  extensions: readonly string[]
  /** Types whose extensions are interchangeable with this one (MP4 and QuickTime). */
  family: string
}

/**
 * The content types Claimdesk holds: what Chromium can show (the video codec is checked later,
 * from the metadata). QuickTime .mov and MP4 are one family: the same container, often renamed.
 */
const ACCEPTED: Record<string, AcceptedType> = {
  'video/mp4': { kind: 'video', described: 'an MP4 video', extensions: ['mp4'], family: 'mp4' },
  'video/x-m4v': { kind: 'video', described: 'an MP4 video', extensions: ['m4v'], family: 'mp4' },
  'video/quicktime': {
    kind: 'video',
    described: 'a QuickTime (MOV) video',
    extensions: ['mov'],
    family: 'mp4',
  },
  'video/webm': { kind: 'video', described: 'a WebM video', extensions: ['webm'], family: 'webm' },
  'image/jpeg': {
    kind: 'image',
    described: 'a JPEG image',
    extensions: ['jpg', 'jpeg'],
    family: 'jpeg',
  },
  'image/png': { kind: 'image', described: 'a PNG image', extensions: ['png'], family: 'png' },
  'image/webp': { kind: 'image', described: 'a WebP image', extensions: ['webp'], family: 'webp' },
  'application/pdf': {
    kind: 'document',
    described: 'a PDF document',
    extensions: ['pdf'],
    family: 'pdf',
  },
}

/** The accepted type an extension names, if any (e.g. "mov" → QuickTime). */
function typeNamedBy(extension: string): AcceptedType | undefined {
  return Object.values(ACCEPTED).find((t) => t.extensions.includes(extension))
}

/**
 * Identifies a file by its content and refuses what Claimdesk cannot hold: empty files, content
 * that is not a video, image or PDF, and content that contradicts the file's extension (a PNG
 * named .mp4 is a mix-up the user should see, not something to guess around). An extension that
 * names none of these types (.bin, none at all) is left to the content.
 */
export async function identifyEvidenceFile(path: string): Promise<IdentifiedFile> {
  const name = basename(path)
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      throw new AppFailure('not-found', `${name} was not found at ${path}.`, { file: path })
    }
    throw error
  })
  if (!info.isFile()) {
    throw new AppFailure('invalid-input', `${name} is not a file.`, { file: path })
  }
  if (info.size === 0) {
    throw new AppFailure('invalid-input', `${name} is empty (0 bytes).`, { file: path })
  }
  const detected = await fileTypeFromFile(path)
  const type = detected ? ACCEPTED[detected.mime] : undefined
  if (!detected || !type) {
    const found = detected ? ` (its content is ${detected.mime})` : ''
    throw new AppFailure(
      'invalid-input',
      `${name} is not a video, image or PDF Claimdesk can hold${found}.`,
      { file: path },
    )
  }
  const extension = extname(name).slice(1).toLowerCase()
  const named = typeNamedBy(extension)
  if (named && named.family !== type.family) {
    const suggested = type.extensions[0] ?? detected.ext
    throw new AppFailure(
      'invalid-input',
      `${name} contains ${type.described}, not ${named.described}: rename it to .${suggested} or choose the right file.`,
      { file: path },
    )
  }
  return {
    kind: type.kind,
    mimeType: detected.mime,
    extension: type.extensions[0] ?? detected.ext,
    size: info.size,
  }
}
