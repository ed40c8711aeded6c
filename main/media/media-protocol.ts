/**
 * The media protocol: serves evidence files and captured frames to the renderer by entity id,
 * with HTTP Range support so a video element can seek without reading the whole file, and the
 * report preview (HTML held in memory) with the report's own strict policy.
 * Web-standard Request/Response, so Electron's `protocol.handle` and the test harness's HTTP
 * server run the very same handler.
 */
import { type FileHandle, open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { type MediaFileTarget, parseMediaPath } from '../../shared/media-urls'
import { AppFailure } from '../../shared/result'
import { REPORT_CONTENT_SECURITY_POLICY } from '../reports/render-html'
import { ioReason } from '../store/durable-write'

export interface ResolvedMedia {
  /** The file on disk to serve (already checked to be one the target may name). */
  file: string
  mimeType: string
}

/**
 * Finds the file a target names. `null` when there is no such entity (404); it may throw
 * AppFailure('forbidden') for a file that must not be served (403) or AppFailure('not-found')
 * with a message naming what is missing (404).
 */
export type MediaResolver = (target: MediaFileTarget) => Promise<ResolvedMedia | null>

export type MediaHandler = (request: Request) => Promise<Response>

export interface MediaHandlerOptions {
  /**
   * The URL path before the media path, ending with '/': '/' for `claimdesk-media://project/…`
   * (Electron), '/claimdesk-media/' for the harness's `http://127.0.0.1:port/claimdesk-media/…`.
   */
  prefix?: string
  /** The report preview's HTML for a token, or null when there is none (any more). */
  reportPreview?: (token: string) => string | null
}

/** A byte range, both ends inclusive as in Content-Range. */
export interface ByteRange {
  start: number
  end: number
}

/**
 * What a Range header asks of a file of `size` bytes: null for the whole file (no header, a
 * unit other than bytes, or several ranges, which we answer in full: media elements never ask
 * for more than one), a range, or 'unsatisfiable' for one that is malformed or lies beyond the
 * end.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (header === null) return null
  const match = /^\s*([\w!#$%&'*+.^`|~-]+)\s*=(.*)$/.exec(header)
  const [, unit, specs] = match ?? []
  if (unit === undefined || specs === undefined) return 'unsatisfiable'
  // RFC 9110: a range unit the server does not know is ignored, not refused.
  if (unit.toLowerCase() !== 'bytes') return null
  if (specs.includes(',')) return null
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(specs)
  if (!spec) return 'unsatisfiable'
  const [, first = '', last = ''] = spec
  if (first === '' && last === '') return 'unsatisfiable'
  if (first === '') {
    // A suffix: the last n bytes.
    const length = Number(last)
    if (!Number.isSafeInteger(length) || length === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable'
  if (last !== '' && !(Number(last) >= start)) return 'unsatisfiable'
  return { start, end }
}

/** Headers every answer carries. */
const COMMON_HEADERS = {
  // Evidence can be relinked to another file under the same id: never reuse a cached copy.
  'Cache-Control': 'no-store',
  // In Electron the page is file://, so a canvas drawing a video frame needs CORS to stay clean.
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
}

function textResponse(status: number, message: string, headers: Record<string, string> = {}) {
  return new Response(message, {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  })
}

/**
 * The preview is the exported HTML itself: no scripts, nothing loaded from anywhere (its CSP as
 * a header too, which unlike the <meta> copy also covers what comes before the <head>). No CORS
 * header: no other page has a reason to read it.
 */
function reportPreviewResponse(html: string): Response {
  const body = Buffer.from(html, 'utf8')
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(body.length),
      'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  })
}

/** The media path after the prefix, or null when the URL is not under it. */
function mediaPathOf(url: string, prefix: string): string | null {
  let pathname: string
  try {
    // Still percent-encoded: ids never need decoding, and %2F must not become a separator.
    pathname = new URL(url).pathname
  } catch {
    return null
  }
  return pathname.startsWith(prefix) ? pathname.slice(prefix.length) : null
}

/** Opens the resolved file; null when it is gone or is not an ordinary file. */
async function openRegularFile(file: string): Promise<{ handle: FileHandle; size: number } | null> {
  // Checked before opening: opening a pipe would wait for a writer.
  const before = await stat(file).catch(() => null)
  if (!before?.isFile()) return null
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return null
  const info = await handle.stat().catch(() => null)
  if (!info?.isFile()) {
    await handle.close()
    return null
  }
  return { handle, size: info.size }
}

/**
 * The protocol handler: GET and HEAD only; answers 200 with the whole file, or 206 for one
 * byte range, or 416 for a range it cannot satisfy. The body is streamed from disk.
 */
export function createMediaHandler(
  resolve: MediaResolver,
  options: MediaHandlerOptions = {},
): MediaHandler {
  const prefix = options.prefix ?? '/'

  const answer = async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Only GET and HEAD are supported.', { Allow: 'GET, HEAD' })
    }
    const path = mediaPathOf(request.url, prefix)
    const target = path === null ? null : parseMediaPath(path)
    if (!target) return textResponse(404, 'No such media address.')
    if (target.kind === 'report-preview') {
      const html = options.reportPreview?.(target.token) ?? null
      return html === null
        ? textResponse(404, 'This report preview is no longer available; preview it again.')
        : reportPreviewResponse(html)
    }

    let resolved: ResolvedMedia | null
    try {
      resolved = await resolve(target)
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'forbidden') {
        return textResponse(403, error.message)
      }
      if (error instanceof AppFailure) return textResponse(404, error.message)
      return textResponse(500, `Could not find the file: ${ioReason(error)}.`)
    }
    if (!resolved) return textResponse(404, 'No such evidence item or frame in the open project.')

    const opened = await openRegularFile(resolved.file)
    if (!opened) {
      return textResponse(404, `The file ${basename(resolved.file)} is missing or not a file.`)
    }
    const { handle, size } = opened
    const range = parseRange(request.headers.get('Range'), size)
    const headers: Record<string, string> = {
      ...COMMON_HEADERS,
      'Accept-Ranges': 'bytes',
      'Content-Type': resolved.mimeType,
    }
    if (range === 'unsatisfiable') {
      await handle.close()
      return textResponse(416, 'The requested range is not in the file.', {
        'Accept-Ranges': 'bytes',
        'Content-Range': `bytes */${size}`,
      })
    }
    const { start, end } = range ?? { start: 0, end: size - 1 }
    const status = range ? 206 : 200
    headers['Content-Length'] = String(end - start + 1)
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`

    if (request.method === 'HEAD' || end < start) {
      await handle.close()
      return new Response(null, { status, headers })
    }
    // The stream closes the file when it ends or when the page cancels it (e.g. a seek).
    const body = Readable.toWeb(handle.createReadStream({ start, end })) as ReadableStream
    return new Response(body, { status, headers })
  }

  return async (request) => {
    const response = await answer(request)
    // A HEAD answer has the headers a GET would have, and never a body.
    if (request.method !== 'HEAD' || response.body === null) return response
    await response.body.cancel()
    return new Response(null, { status: response.status, headers: response.headers })
  }
}
