import { findInvalidUtf8, hasNonAscii, lineAtOffset } from './bytes'
import { importRejected } from './reject'
import type { ImportFormat } from './types'

export interface DecodedText {
  text: string
  /** WHATWG encoding name that was used, e.g. 'utf-8' or 'windows-1251'. */
  encoding: string
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte)
}

/** Bytes that are searched for a charset declaration (browsers look at the first 1024). */
const CHARSET_SCAN_BYTES = 64 * 1024

/**
 * The charset an HTML document declares in `<meta charset>`, `<meta http-equiv=Content-Type>`
 * or an XML declaration, as written, or null. Only ASCII matters here, so the bytes are read
 * as Latin-1, which cannot fail.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, CHARSET_SCAN_BYTES),
  ).toString('latin1')
  const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
  const meta = /<meta\b[^<>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(withoutComments)
  if (meta?.[1]) return meta[1]
  const xml = /^\s*<\?xml\b[^<>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(
    withoutComments,
  )
  return xml?.[1] ?? null
}

/** The WHATWG encoding name for a label ('cp1251' → 'windows-1251'), or null if unknown. */
function resolveEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding
  } catch {
    return null
  }
}

function decodeUtf8Strict(file: string, bytes: Uint8Array, format: ImportFormat): string {
  const offset = findInvalidUtf8(bytes)
  if (offset >= 0) {
    const line = lineAtOffset(bytes, offset)
    const advice =
      format === 'html'
        ? 'The page declares no other character set. Save the page again from the browser ' +
          '("Save page as…", "Web page, HTML only") and import the new file.'
        : 'It was probably saved in an older encoding such as Windows-1251 or Latin-1. Open ' +
          'it in a text editor, save it with the encoding "UTF-8" and import it again.'
    throw importRejected(
      file,
      'invalid-utf8',
      `"${file}" is not valid UTF-8 text: the bytes at offset ${offset} (line ${line}) are not ` +
        `a valid character. ${advice}`,
      { offset, line },
    )
  }
  // The validator accepted the bytes, so this cannot throw; a leading BOM is dropped.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

/**
 * Decodes a file's bytes to text. Plain text and Markdown must be UTF-8 (with or without a
 * BOM). HTML may declare another charset in a meta tag (common on Russian and Ukrainian
 * sites: windows-1251, koi8-r); that charset is used unless the bytes are in fact valid
 * UTF-8 with non-ASCII characters, which happens when a browser re-encoded the page on saving
 * but left the old meta tag in place.
 */
export function decodeText(file: string, bytes: Uint8Array, format: ImportFormat): DecodedText {
  if (format !== 'html' || hasUtf8Bom(bytes)) {
    return { text: decodeUtf8Strict(file, bytes, format), encoding: 'utf-8' }
  }
  const label = declaredHtmlCharset(bytes)
  if (label === null) return { text: decodeUtf8Strict(file, bytes, format), encoding: 'utf-8' }
  const encoding = resolveEncoding(label)
  // A page cannot really be UTF-16 if its meta tag was readable as ASCII (HTML spec rule).
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    return { text: decodeUtf8Strict(file, bytes, format), encoding: 'utf-8' }
  }
  if (hasNonAscii(bytes) && findInvalidUtf8(bytes) < 0) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' }
  }
  if (encoding === null || encoding === 'replacement') {
    throw importRejected(
      file,
      'unknown-charset',
      `"${file}" declares the character set "${label}", which Claimdesk cannot read. Save ` +
        'the page again from the browser or copy the article into a UTF-8 .txt file and ' +
        'import that instead.',
      { charset: label },
    )
  }
  // Legacy single- and multi-byte decoders map (almost) every byte; unmapped ones become U+FFFD.
  return { text: new TextDecoder(encoding).decode(bytes), encoding }
}
