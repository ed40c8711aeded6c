import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { mediaResolverFor, openProjectOf } from '../../main/media/media-files'
import { createMediaHandler, type MediaHandler } from '../../main/media/media-protocol'
import type { Workspace } from '../../main/projects/workspace'
import { CONTENT_SECURITY_POLICY } from '../../main/shell/csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/** Where the harness serves the media protocol (Electron: `claimdesk-media://project/`). */
export const HARNESS_MEDIA_PREFIX = '/claimdesk-media/'

/**
 * The media protocol's handler for the harness, serving the workspace's open project and, with
 * `reportPreview` (the API's), the report preview.
 */
export function harnessMediaHandler(
  workspace: Workspace,
  reportPreview?: (token: string) => string | null,
): MediaHandler {
  return createMediaHandler(
    mediaResolverFor(() => openProjectOf(workspace)),
    {
      prefix: HARNESS_MEDIA_PREFIX,
      ...(reportPreview ? { reportPreview } : {}),
    },
  )
}

export interface StaticServer {
  url: string
  close(): Promise<void>
}

export interface ServeOptions {
  /** The media protocol's handler, answered under HARNESS_MEDIA_PREFIX. */
  media?: MediaHandler
}

/** Node's request as a web-standard Request, as Electron's `protocol.handle` receives it. */
function toWebRequest(request: IncomingMessage, origin: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  // Media requests carry no body we read; GET and HEAD may not have one.
  return new Request(new URL(request.url ?? '/', origin), { method: request.method, headers })
}

async function sendWebResponse(answer: Response, response: ServerResponse): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers))
  if (!answer.body) {
    response.end()
    return
  }
  // A page that stops reading (a video seeking) closes the socket: that ends the pipeline.
  await pipeline(Readable.fromWeb(answer.body as NodeReadableStream), response).catch(
    () => undefined,
  )
}

async function serveMedia(
  handler: MediaHandler,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<void> {
  try {
    await sendWebResponse(await handler(toWebRequest(request, origin)), response)
  } catch (error) {
    if (!response.headersSent) response.writeHead(500)
    response.end(String(error))
  }
}

function decodedPath(url: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname)
  } catch {
    return null
  }
}

/**
 * Serves the built renderer from 127.0.0.1 with the app's CSP (file:// blocks module scripts),
 * and the media protocol under HARNESS_MEDIA_PREFIX.
 */
export async function serveRenderer(
  root: string,
  options: ServeOptions = {},
): Promise<StaticServer> {
  const base = resolve(root)
  let origin = ''
  const server: Server = createServer((request, response) => {
    void (async () => {
      const { media } = options
      if (media && request.url?.startsWith(HARNESS_MEDIA_PREFIX)) {
        await serveMedia(media, request, response, origin)
        return
      }
      const pathname = decodedPath(request.url)
      if (pathname === null) {
        response.writeHead(400).end()
        return
      }
      const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname))
      if (file !== base && !file.startsWith(base + sep)) {
        response.writeHead(403).end()
        return
      }
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) {
        response.writeHead(404).end()
        return
      }
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
      })
      createReadStream(file).pipe(response)
    })()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: origin,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        // Keep-alive connections (fetch from Node, the browser) would hold close() open.
        server.closeAllConnections()
      }),
  }
}
