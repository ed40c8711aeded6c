/**
 * Byte-level checks that run before any text is decoded: known binary signatures, NUL and
 * control bytes, and a UTF-8 validator that reports where the first bad sequence starts.
 */

interface Signature {
  /** Bytes expected at `offset`; `null` matches any byte. */
  bytes: readonly (number | null)[]
  offset?: number
  /** Completes "looks like …, not text". */
  kind: string
}

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0))

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: ascii('GIF87a'), kind: 'a GIF image' },
  { bytes: ascii('GIF89a'), kind: 'a GIF image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')], kind: 'a WebP image' },
  { bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WAVE')], kind: 'a WAV audio file' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'a TIFF image' },
  { bytes: ascii('%PDF-'), kind: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (or a Word, OpenDocument or EPUB file)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a ZIP archive' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], kind: 'a ZIP archive' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    kind: 'an old Microsoft Office document (.doc, .xls)',
  },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
  { bytes: [...ascii('Rar!'), 0x1a, 0x07], kind: 'a RAR archive' },
  { bytes: [0x7f, ...ascii('ELF')], kind: 'a program file' },
  { bytes: [...ascii('SQLite format 3'), 0x00], kind: 'an SQLite database' },
  { bytes: ascii('ftyp'), offset: 4, kind: 'a video or audio file (MP4/MOV)' },
  { bytes: ascii('OggS'), kind: 'an Ogg audio or video file' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], kind: 'a video file (MKV/WebM)' },
  { bytes: [0x00, 0x00, 0x01, 0x00], kind: 'an icon file' },
]

/** "a PNG image" etc. when the bytes start with a known binary signature, else null. */
export function sniffBinarySignature(bytes: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    const start = signature.offset ?? 0
    if (bytes.length < start + signature.bytes.length) continue
    const matches = signature.bytes.every(
      (expected, index) => expected === null || bytes[start + index] === expected,
    )
    if (matches) return signature.kind
  }
  return null
}

export type TextEncodingProblem =
  | { kind: 'utf16'; bom: boolean }
  | { kind: 'nul'; offset: number }
  | { kind: 'control'; share: number }

/** Bytes below 0x20 that text files do not contain, plus DEL; tab, LF, FF and CR are fine. */
function isControlByte(byte: number): boolean {
  return (
    (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) ||
    byte === 0x7f
  )
}

/** Share of control bytes above which a file is treated as binary. */
const CONTROL_SHARE_LIMIT = 0.1
/** Control bytes are counted in this prefix only; real binaries show themselves early. */
const CONTROL_SAMPLE_BYTES = 1024 * 1024

/**
 * Finds what makes the bytes not text in any 8-bit or UTF-8 encoding: a UTF-16/32 byte-order
 * mark or NUL pattern, any NUL byte, or a high share of control bytes.
 */
export function findBinaryContent(bytes: Uint8Array): TextEncodingProblem | null {
  const b0 = bytes[0]
  const b1 = bytes[1]
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return { kind: 'utf16', bom: true }
  }
  const firstNul = bytes.indexOf(0)
  if (firstNul >= 0) {
    // UTF-16 text without a byte-order mark: ASCII characters leave a NUL in every other byte.
    const sample = bytes.subarray(0, Math.min(bytes.length, 4096))
    let evenNul = 0
    let oddNul = 0
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] === 0) {
        if (i % 2 === 0) evenNul++
        else oddNul++
      }
    }
    const pairs = sample.length / 2
    if (
      pairs >= 4 &&
      Math.max(evenNul, oddNul) > pairs * 0.4 &&
      Math.min(evenNul, oddNul) < pairs * 0.05
    ) {
      return { kind: 'utf16', bom: false }
    }
    return { kind: 'nul', offset: firstNul }
  }
  const sampleLength = Math.min(bytes.length, CONTROL_SAMPLE_BYTES)
  let controls = 0
  for (let i = 0; i < sampleLength; i++) {
    if (isControlByte(bytes[i] as number)) controls++
  }
  const share = sampleLength === 0 ? 0 : controls / sampleLength
  return share > CONTROL_SHARE_LIMIT ? { kind: 'control', share } : null
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence, or -1 when all bytes are
 * valid. Follows the same rules as `new TextDecoder('utf-8', { fatal: true })`: no overlong
 * forms, no surrogates (U+D800–U+DFFF), nothing above U+10FFFF, no truncated sequences and
 * no stray continuation bytes.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const length = bytes.length
  let i = 0
  while (i < length) {
    const lead = bytes[i] as number
    if (lead < 0x80) {
      i++
      continue
    }
    let trailing: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) {
      trailing = 1
    } else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2
      if (lead === 0xe0) low = 0xa0 // overlong
      if (lead === 0xed) high = 0x9f // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3
      if (lead === 0xf0) low = 0x90 // overlong
      if (lead === 0xf4) high = 0x8f // above U+10FFFF
    } else {
      return i // continuation byte without a lead, 0xC0/0xC1 or 0xF5–0xFF
    }
    for (let k = 1; k <= trailing; k++) {
      const next = bytes[i + k]
      if (next === undefined) return i
      const min = k === 1 ? low : 0x80
      const max = k === 1 ? high : 0xbf
      if (next < min || next > max) return i
    }
    i += trailing + 1
  }
  return -1
}

/** 1-based line number of a byte offset (counting LF, CR LF and lone CR line breaks). */
export function lineAtOffset(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte === 0x0a) line++
    else if (byte === 0x0d && bytes[i + 1] !== 0x0a) line++
  }
  return line
}

/** True when the bytes contain anything outside ASCII. */
export function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) return true
  }
  return false
}
