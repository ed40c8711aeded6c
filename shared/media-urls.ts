/**
 * Addresses of files served by the media protocol. Files are named by the ids of the project's
 * entities, never by path, so a URL cannot name a file outside the project.
 */

/** The Electron app's custom scheme, and the base of its media URLs. */
export const MEDIA_SCHEME = 'claimdesk-media'
export const ELECTRON_MEDIA_BASE_URL = `${MEDIA_SCHEME}://project/`

const ID = '[A-Za-z0-9_-]{1,100}'
const EVIDENCE_PATH = new RegExp(`^/?evidence/(${ID})$`)
const FRAME_PATH = new RegExp(`^/?frame/(${ID})/(${ID})$`)
const REPORT_PREVIEW_PATH = new RegExp(`^/?report-preview/(${ID})$`)

/** A file of the open project's evidence: an item's file or a captured frame. */
export type MediaFileTarget =
  { kind: 'evidence'; itemId: string } | { kind: 'frame'; itemId: string; frameId: string }

/** The rendered report main keeps in memory for the preview, named by a random token. */
export type MediaTarget = MediaFileTarget | { kind: 'report-preview'; token: string }

/**
 * The URL of an evidence item's file. `version` (its hash) changes the URL when the file is
 * relinked, so the page does not keep showing a cached copy.
 */
export function evidenceUrl(base: string, itemId: string, version = ''): string {
  return `${base}evidence/${itemId}${version ? `?v=${version.slice(0, 16)}` : ''}`
}

export function frameUrl(base: string, itemId: string, frameId: string): string {
  return `${base}frame/${itemId}/${frameId}`
}

/**
 * The path of a report preview, relative to the media base (what `reports:preview` answers;
 * the renderer joins it with `window.claimdesk.mediaBaseUrl`).
 */
export function reportPreviewPath(token: string): string {
  return `report-preview/${token}`
}

/** What a request path (after the base) names, or null for anything else. */
export function parseMediaPath(path: string): MediaTarget | null {
  const evidence = EVIDENCE_PATH.exec(path)
  if (evidence?.[1]) return { kind: 'evidence', itemId: evidence[1] }
  const frame = FRAME_PATH.exec(path)
  if (frame?.[1] && frame[2]) return { kind: 'frame', itemId: frame[1], frameId: frame[2] }
  const preview = REPORT_PREVIEW_PATH.exec(path)
  if (preview?.[1]) return { kind: 'report-preview', token: preview[1] }
  return null
}
