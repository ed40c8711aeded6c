import { normalizeArticleText } from '../../../shared/text'
import { cleanValue, splitAuthors } from './authors'
import { normalizeDate } from './dates'
import { decodeEntities } from './entities'
import { chooseLanguage } from './language'
import type { ArticleContent } from './types'

type FrontMatterValue = string | string[]

/* ---------------------------------------------------------------- front matter */

const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/

function unquote(raw: string): string {
  const value = raw.trim()
  const single = /^'((?:[^']|'')*)'/.exec(value)
  if (single) return (single[1] ?? '').replace(/''/g, "'")
  const double = /^"((?:[^"\\]|\\.)*)"/.exec(value)
  if (double) {
    return (double[1] ?? '').replace(/\\(.)/g, (_, char: string) =>
      char === 'n' ? '\n' : char === 't' ? '\t' : char,
    )
  }
  // An unquoted value ends where a comment starts.
  return value.replace(/\s+#.*$/, '')
}

function splitFlowList(raw: string): string[] {
  return raw
    .slice(1, -1)
    .split(',')
    .map(unquote)
    .filter((item) => item !== '')
}

/**
 * Reads the simple YAML that front matter uses: `key: value`, quoted values, `[a, b]` and
 * `- item` lists (including `- name: …` items), `|` / `>` blocks. Anything fancier is skipped.
 * Returns null when the block does not look like YAML at all.
 */
function parseFrontMatter(block: string): Map<string, FrontMatterValue> | null {
  const values = new Map<string, FrontMatterValue>()
  const lines = block.split('\n')
  let current: string | null = null
  let blockScalar: { key: string; folded: boolean; lines: string[] } | null = null
  const endBlockScalar = (): void => {
    if (!blockScalar) return
    values.set(blockScalar.key, blockScalar.lines.join(blockScalar.folded ? ' ' : '\n').trim())
    blockScalar = null
  }
  for (const line of lines) {
    if (blockScalar) {
      if (line.trim() === '' || /^\s/.test(line)) {
        blockScalar.lines.push(line.trim())
        continue
      }
      endBlockScalar()
    }
    if (line.trim() === '' || /^\s*#/.test(line)) continue
    const pair = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?[ \t]*$/.exec(line)
    if (pair) {
      const key = (pair[1] ?? '').toLowerCase()
      const raw = (pair[2] ?? '').trim()
      current = key
      if (raw === '') values.set(key, [])
      else if (/^[|>][+-]?$/.test(raw))
        blockScalar = { key, folded: raw.startsWith('>'), lines: [] }
      else if (raw.startsWith('[') && raw.endsWith(']')) values.set(key, splitFlowList(raw))
      else values.set(key, unquote(raw))
      continue
    }
    const item = /^\s*-\s+(.*)$/.exec(line)
    const list = current === null ? undefined : values.get(current)
    if (item && Array.isArray(list)) {
      const entry = item[1] ?? ''
      const named = /^name\s*:\s*(.*)$/.exec(entry)
      list.push(unquote(named ? (named[1] ?? '') : entry))
      continue
    }
    if (/^\s+\S/.test(line)) {
      // A continued plain scalar, or a nested mapping we do not read.
      const value = current === null ? undefined : values.get(current)
      if (typeof value === 'string' && current !== null && !/^\s+[\w-]+\s*:/.test(line)) {
        values.set(current, `${value} ${line.trim()}`)
      }
      continue
    }
    return null
  }
  endBlockScalar()
  return values
}

function firstString(values: Map<string, FrontMatterValue>, keys: string[]): string {
  for (const key of keys) {
    const value = values.get(key)
    const text = cleanValue(Array.isArray(value) ? value[0] : value)
    if (text !== '') return text
  }
  return ''
}

const isHttpUrl = (value: string): boolean => /^https?:\/\/\S+$/i.test(value)

/* ---------------------------------------------------------------- inline syntax */

// NUL cannot occur in decoded text (binary files are rejected first), so it safely marks placeholders.
// eslint-disable-next-line no-control-regex
const PLACEHOLDER = /\u0000(\d+)\u0000/g

/**
 * Markdown inline syntax → plain text: code spans and backslash escapes kept literally,
 * images dropped, links and autolinks reduced to their text, HTML tags removed (`<br>` becomes a
 * line break), emphasis and strike-through markers dropped, character references decoded.
 */
export function markdownInlineToText(source: string): string {
  // Files with NUL bytes are rejected earlier, so NUL can mark protected spans.
  const protectedSpans: string[] = []
  const protect = (text: string): string => {
    protectedSpans.push(text)
    return `\u0000${protectedSpans.length - 1}\u0000`
  }
  // Lengths are bounded so that unclosed brackets and markers cannot make this quadratic.
  let text = source
    .replace(/(?<!`)(`+)(?!`)([\s\S]{0,4000}?[^`])\1(?!`)/g, (_, _ticks: string, code: string) =>
      protect(code.replace(/^ (.*) $/s, '$1')),
    )
    .replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, (_, char: string) => protect(char))
    .replace(/!\[[^\]]{0,2000}\]\([^)]{0,4000}\)/g, '')
    .replace(/!\[[^\]]{0,2000}\]\[[^\]]{0,200}\]/g, '')
    .replace(/\[\^[^\]\s]{1,100}\]/g, '')
    .replace(
      /\[([^\]]{0,2000})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]{0,500}"|'[^']{0,500}'|\([^)]{0,500}\)))?\s*\)/g,
      '$1',
    )
    .replace(/\[([^\]]{1,2000})\]\[[^\]]{0,200}\]/g, '$1')
    .replace(/<((?:https?|ftp|mailto):[^\s<>]+)>/gi, '$1')
    .replace(/<([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/g, '$1')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
  text = text
    .replace(/(\*\*|__)(?=\S)([\s\S]{0,2000}?\S)\1/g, '$2')
    .replace(/\*([^\s*](?:[^*]*?[^\s*])?)\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])_([^\s_](?:[^_]*?[^\s_])?)_(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/~~(?=\S)([\s\S]{0,2000}?\S)~~/g, '$1')
  text = decodeEntities(text)
  return text.replace(PLACEHOLDER, (_, index: string) => protectedSpans[Number(index)] ?? '')
}

/* ---------------------------------------------------------------- blocks */

type Block =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[] }
  | { kind: 'code'; lines: string[] }

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/
const SETEXT_H2 = /^ {0,3}-+[ \t]*$/
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S/
const LIST_ITEM = /^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(.*)$/
const TABLE_SEPARATOR = /^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/
const BLOCKQUOTE_MARKERS = /^(?: {0,3}>[ \t]?)+/

function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

function parseBlocks(body: string): Block[] {
  const blocks: Block[] = []
  // A holder object, so that TypeScript does not narrow the open block across `flush()` calls.
  const open: { block: Block | null } = { block: null }
  let fence: { closing: RegExp; lines: string[] } | null = null
  const flush = (): void => {
    if (open.block) blocks.push(open.block)
    open.block = null
  }
  for (const rawLine of body.split('\n')) {
    if (fence) {
      if (fence.closing.test(rawLine)) {
        blocks.push({ kind: 'code', lines: fence.lines })
        fence = null
      } else {
        fence.lines.push(rawLine)
      }
      continue
    }
    const line = rawLine.replace(BLOCKQUOTE_MARKERS, '')
    const fenceStart = FENCE.exec(line)
    if (fenceStart) {
      flush()
      const marker = fenceStart[1] ?? '```'
      const char = marker.startsWith('`') ? '`' : '~'
      fence = { closing: new RegExp(`^ {0,3}${char}{${marker.length},}[ \\t]*$`), lines: [] }
      continue
    }
    if (line.trim() === '') {
      flush()
      continue
    }
    const block = open.block
    const heading = ATX_HEADING.exec(line.trimEnd())
    if (heading) {
      flush()
      // A closing sequence of #s is not part of the heading.
      const text = (heading[2] ?? '').replace(/(?:^|[ \t])#+$/, '').trim()
      blocks.push({ kind: 'heading', level: (heading[1] ?? '#').length, text })
      continue
    }
    if (block?.kind === 'paragraph' && (SETEXT_H1.test(line) || SETEXT_H2.test(line))) {
      open.block = null
      const level = SETEXT_H1.test(line) ? 1 : 2
      blocks.push({ kind: 'heading', level, text: block.lines.map((l) => l.trim()).join(' ') })
      continue
    }
    const headerRow = block?.kind === 'paragraph' && block.lines.length === 1 ? block.lines[0] : ''
    if (TABLE_SEPARATOR.test(line) && line.includes('|') && headerRow?.includes('|')) {
      open.block = { kind: 'table', rows: [headerRow] }
      continue
    }
    if (THEMATIC_BREAK.test(line)) {
      flush()
      continue
    }
    // Link reference definitions give no text; they cannot interrupt a paragraph.
    if (REFERENCE_DEFINITION.test(line) && block?.kind !== 'paragraph') continue
    if (block?.kind === 'table' && line.includes('|')) {
      block.rows.push(line)
      continue
    }
    const item = LIST_ITEM.exec(line)
    if (item) {
      const marker = item[1] ?? '-'
      const prefix = /\d/.test(marker) ? `${marker.slice(0, -1)}. ` : '• '
      if (block?.kind === 'list') {
        block.items.push(prefix + (item[2] ?? ''))
      } else {
        flush()
        open.block = { kind: 'list', items: [prefix + (item[2] ?? '')] }
      }
      continue
    }
    if (block?.kind === 'list') {
      // A continuation line of the last item (indented or lazy).
      const last = block.items.length - 1
      block.items[last] = `${block.items[last] ?? ''} ${line.trim()}`
      continue
    }
    if (block?.kind === 'paragraph') {
      block.lines.push(line)
      continue
    }
    flush()
    open.block = { kind: 'paragraph', lines: [line] }
  }
  if (fence) blocks.push({ kind: 'code', lines: fence.lines })
  flush()
  return blocks
}

/** Joins a paragraph's source lines: soft breaks become spaces, hard breaks stay line breaks. */
function joinParagraphLines(lines: string[]): string {
  let text = ''
  for (const [index, line] of lines.entries()) {
    const hardBreak = line.endsWith('  ') || line.endsWith('\\')
    const content = line.trim().replace(/\\$/, '')
    text += content
    if (index < lines.length - 1) text += hardBreak ? '\n' : ' '
  }
  return text
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return markdownInlineToText(joinParagraphLines(block.lines))
    case 'heading':
      return markdownInlineToText(block.text)
    case 'list':
      return block.items.map((item) => markdownInlineToText(item.trim())).join('\n')
    case 'table':
      return block.rows
        .filter((row) => !TABLE_SEPARATOR.test(row))
        .map((row) => tableCells(row).map(markdownInlineToText).join(' | '))
        .join('\n')
    case 'code':
      return block.lines.join('\n')
  }
}

const sameText = (a: string, b: string): boolean =>
  cleanValue(a).toLocaleLowerCase() === cleanValue(b).toLocaleLowerCase()

/**
 * A Markdown article: metadata from YAML front matter (title, author(s), date, url/source,
 * language, outlet), title else from the first level-1 heading, text as readable plain text.
 */
export function extractMarkdown(source: string, fallbackTitle: string): ArticleContent {
  let body = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  let meta = new Map<string, FrontMatterValue>()
  const frontMatter = FRONT_MATTER.exec(body)
  if (frontMatter) {
    const parsed = parseFrontMatter(frontMatter[1] ?? '')
    if (parsed) {
      meta = parsed
      body = body.slice(frontMatter[0].length)
    }
  }
  // An unclosed comment or script runs to the end, as in HTML (and keeps this linear).
  body = body
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')

  const blocks = parseBlocks(body)
  const metaTitle = firstString(meta, ['title', 'headline'])
  const firstH1 = blocks.findIndex((block) => block.kind === 'heading' && block.level === 1)
  const h1Text = firstH1 >= 0 ? cleanValue(blockText(blocks[firstH1] as Block)) : ''
  const title = metaTitle || h1Text || fallbackTitle
  // The heading that is the title is not repeated in the text.
  const dropTitleHeading = firstH1 >= 0 && (metaTitle === '' || sameText(metaTitle, h1Text))
  const paragraphs = blocks
    .filter((_, index) => !(dropTitleHeading && index === firstH1))
    .map(blockText)
    .filter((paragraph) => paragraph.trim() !== '')
  const text = normalizeArticleText(paragraphs.join('\n\n'))

  const authorValue = meta.get('authors') ?? meta.get('author') ?? meta.get('byline') ?? []
  const authors = Array.isArray(authorValue)
    ? authorValue.map(cleanValue).filter((name) => name !== '')
    : splitAuthors(authorValue)
  const sourceValue = firstString(meta, ['source'])
  const url =
    [firstString(meta, ['url', 'canonical', 'link', 'canonical_url']), sourceValue].find(
      isHttpUrl,
    ) ?? ''
  const outlet =
    firstString(meta, ['outlet', 'publisher', 'site', 'site_name', 'publication']) ||
    (sourceValue !== '' && !isHttpUrl(sourceValue) ? sourceValue : '')
  return {
    title: cleanValue(title),
    text,
    outlet,
    authors,
    url,
    publishedAt: normalizeDate(
      firstString(meta, ['date', 'published', 'publishedat', 'published_at', 'pubdate']),
    ),
    language: chooseLanguage(firstString(meta, ['lang', 'language']), text),
  }
}
