import { createHash } from 'node:crypto'
import { findBinaryContent, sniffBinarySignature } from './bytes'
import { decodeText } from './decode'
import { extractHtml } from './html'
import { extractMarkdown } from './markdown'
import { extractPlainText } from './plain-text'
import { formatSize, importRejected } from './reject'
import {
  type ArticleContent,
  type ExtractedArticle,
  type ImportFormat,
  MAX_IMPORT_BYTES,
} from './types'

const FORMATS: Readonly<Record<string, ImportFormat>> = {
  txt: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
}

/** The last path segment, whichever separator the path uses. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** The article format a file name stands for, or null when Claimdesk does not import it. */
export function formatForFileName(fileName: string): ImportFormat | null {
  return FORMATS[extensionOf(baseName(fileName))] ?? null
}

/** Anything that renders as nothing: whitespace, byte-order marks, zero-width characters. */
const BLANK = /^[\s\uFEFF\u200B-\u200D\u2060]*$/

function checkBytes(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw importRejected(
      file,
      'empty',
      `"${file}" is empty (0 bytes). Check that you picked the right file, or save the ` +
        'article again and import the new file.',
    )
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    const size = formatSize(bytes.length)
    const limit = formatSize(MAX_IMPORT_BYTES)
    const exact = size === limit ? ` (${bytes.length.toLocaleString('en-US')} bytes)` : ''
    throw importRejected(
      file,
      'too-large',
      `"${file}" is ${size}${exact}, more than the ${limit} Claimdesk imports per article file. ` +
        'A single article is much smaller: save only the article page ("Web page, HTML only") ' +
        'or copy its text into a .txt file.',
      { byteLength: bytes.length, limit: MAX_IMPORT_BYTES },
    )
  }
  const signature = sniffBinarySignature(bytes)
  if (signature) {
    throw importRejected(
      file,
      'binary',
      `"${file}" looks like ${signature}, not text. Import the article as a .txt, .md or ` +
        '.html file; for a PDF or document, copy the article text into a .txt file.',
      { detected: signature },
    )
  }
  const problem = findBinaryContent(bytes)
  if (problem?.kind === 'utf16') {
    throw importRejected(
      file,
      'utf16',
      `"${file}" is saved as UTF-16 text, which Claimdesk does not read. Open it in a text ` +
        'editor, save it with the encoding "UTF-8" and import it again.',
      { bom: problem.bom },
    )
  }
  if (problem?.kind === 'nul') {
    throw importRejected(
      file,
      'binary',
      `"${file}" contains binary data (a NUL byte at offset ${problem.offset}), not text. ` +
        'Check that you picked the right file; Claimdesk imports .txt, .md and .html articles.',
      { offset: problem.offset },
    )
  }
  if (problem?.kind === 'control') {
    throw importRejected(
      file,
      'binary',
      `"${file}" contains binary data (${Math.round(problem.share * 100)}% control ` +
        'characters), not text. Check that you picked the right file; Claimdesk imports .txt, ' +
        '.md and .html articles.',
      { controlShare: problem.share },
    )
  }
}

/**
 * Turns an imported file into article text and metadata. Pure apart from hashing: nothing
 * is read from disk, fetched, executed or rendered.
 *
 * @throws AppFailure('import-rejected') for unsupported, empty, oversized, binary or
 *   undecodable files and for web pages without article text; `details.file` names the file,
 *   `details.reason` the check that failed.
 */
export function extractArticle(fileName: string, bytes: Uint8Array): ExtractedArticle {
  const file = baseName(fileName)
  const format = formatForFileName(file)
  if (format === null) {
    const extension = extensionOf(file)
    throw importRejected(
      file,
      'unsupported-format',
      `"${file}" is not a supported article file; import .txt, .md or .html. For a PDF or ` +
        'Word document, copy the article text into a .txt file.',
      { extension },
    )
  }
  checkBytes(file, bytes)
  const { text: source } = decodeText(file, bytes, format)
  if (BLANK.test(source)) {
    throw importRejected(
      file,
      'empty',
      `"${file}" contains only blank space, no text. Check that you picked the right file, or ` +
        'save the article again and import the new file.',
    )
  }
  const fallbackTitle = file.replace(/\.[^.]+$/, '').trim() || file
  let content: ArticleContent
  if (format === 'html') content = extractHtml(file, source)
  else if (format === 'md') content = extractMarkdown(source, fallbackTitle)
  else content = extractPlainText(source, fallbackTitle)

  return {
    ...content,
    format,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.length,
    fileName: file,
  }
}
