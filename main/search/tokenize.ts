/**
 * The search tokenizer: one pass over the original text, reporting each token's UTF-16 range
 * in that text and its key (the form the dictionary stores). Index and query use the same
 * function, so whatever a document was indexed under, a query spelled the same way finds.
 *
 * Decisions:
 * - A token is a run of letters, combining marks and digits (`\p{L}\p{M}\p{N}`). Soft hyphens
 *   and zero-width (non-)joiners inside a run are kept in the range but dropped from the key
 *   ("Verhand\u00ADlungen" is "verhandlungen"). Everything else separates tokens, including
 *   apostrophes and hyphens ("O’Neill" is "o", "neill"; "COVID-19" is "covid", "19").
 * - A grouped number is one token: one to three digits, then groups of exactly three digits
 *   after one repeated separator (".", ",", "'", "’", a space, a no-break, thin or figure
 *   space), not followed by another digit: "3.000", "3,000", "10 000", "1.234.567". Its key
 *   keeps the separator (spaces as " ", "’" as "'"); the digit-only form ("3000") is one of
 *   its variants (variants.ts). "3.5", "12.30" and "2019, 300" are not grouped.
 * - Keys are NFC and lowercased with `toLocaleLowerCase()`. Offsets always point into the
 *   original string, also when it is not NFC or lowercasing changes a length.
 */

/** Character classes: 0 separates, 1 letter or mark, 2 digit, 3 joiner (inside a word only). */
const SEPARATOR = 0
const LETTER = 1
const DIGIT = 2
const JOINER = 3

let bmpClasses: Uint8Array | null = null
const astralClasses = new Map<number, number>()
const LETTER_RE = /^[\p{L}\p{M}]$/u
const DIGIT_RE = /^\p{N}$/u

function classifyCodePoint(codePoint: number): number {
  if (codePoint === 0xad || codePoint === 0x200c || codePoint === 0x200d) return JOINER
  const ch = String.fromCodePoint(codePoint)
  if (LETTER_RE.test(ch)) return LETTER
  if (DIGIT_RE.test(ch)) return DIGIT
  return SEPARATOR
}

/** The class of every BMP code unit, built on first use (~30 ms). Surrogates are SEPARATOR. */
function classTable(): Uint8Array {
  if (bmpClasses) return bmpClasses
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue
    if (c < 0x80) {
      table[c] =
        (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
          ? LETTER
          : c >= 0x30 && c <= 0x39
            ? DIGIT
            : SEPARATOR
    } else {
      table[c] = classifyCodePoint(c)
    }
  }
  bmpClasses = table
  return table
}

function astralClass(codePoint: number): number {
  let cls = astralClasses.get(codePoint)
  if (cls === undefined) {
    cls = classifyCodePoint(codePoint)
    astralClasses.set(codePoint, cls)
  }
  return cls
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/** Digit group separators: . , ' ’ space, no-break space, figure space, thin and narrow spaces. */
function isGroupSeparator(c: number): boolean {
  return (
    c === 0x2e ||
    c === 0x2c ||
    c === 0x27 ||
    c === 0x2019 ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x2007 ||
    c === 0x2009 ||
    c === 0x202f
  )
}

/** Token flags passed to visitors. */
export const TOKEN_GROUPED_NUMBER = 1
const TOKEN_HAS_JOINER = 2

/** Called for each token; returning `false` stops the scan. */
export type TokenVisitor = (
  key: string,
  start: number,
  end: number,
  flags: number,
) => boolean | void

/**
 * Calls `visit` for every token of `text`, in order, until it returns false. `key` is the
 * dictionary form; `start` and `end` are UTF-16 offsets into `text` (end exclusive).
 */
export function forEachToken(text: string, visit: TokenVisitor): void {
  const n = text.length
  if (n === 0) return
  const table = classTable()
  // Slicing keys out of one lowercased copy is much cheaper than lowercasing every token; it
  // is only valid when the copy lines up with the original (same length, already NFC).
  const lower = text.toLocaleLowerCase()
  const aligned = lower.length === n && text.normalize('NFC') === text
  let i = 0
  while (i < n) {
    let c = text.charCodeAt(i)
    let cls: number
    let width = 1
    if (isHighSurrogate(c) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) {
      cls = astralClass(text.codePointAt(i) ?? 0)
      width = 2
    } else {
      cls = table[c] ?? SEPARATOR
    }
    if (cls === SEPARATOR || cls === JOINER) {
      i += width
      continue
    }
    const start = i
    let flags = 0
    let allDigits = cls === DIGIT
    i += width
    // Extend over letters, digits and joiners; a trailing joiner is not part of the token.
    let end = i
    while (i < n) {
      c = text.charCodeAt(i)
      width = 1
      if (isHighSurrogate(c) && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) {
        cls = astralClass(text.codePointAt(i) ?? 0)
        width = 2
      } else {
        cls = table[c] ?? SEPARATOR
      }
      if (cls === SEPARATOR) break
      i += width
      if (cls === JOINER) {
        flags |= TOKEN_HAS_JOINER
        continue
      }
      if (cls !== DIGIT) allDigits = false
      end = i
    }
    i = end
    if (allDigits && end - start <= 3) {
      const grouped = groupedNumberEnd(text, end, table)
      if (grouped > end) {
        end = grouped
        i = grouped
        flags |= TOKEN_GROUPED_NUMBER
      }
    }
    let key: string
    if (aligned && (flags & TOKEN_HAS_JOINER) === 0) {
      key = lower.slice(start, end)
    } else {
      key = text.slice(start, end).normalize('NFC').toLocaleLowerCase()
      if (flags & TOKEN_HAS_JOINER) key = key.replace(/[\u00AD\u200C\u200D]/g, '')
    }
    if (flags & TOKEN_GROUPED_NUMBER) {
      key = key.replace(/[\u00A0\u2007\u2009\u202F]/g, ' ').replace(/\u2019/g, "'")
    }
    if (visit(key, start, end, flags & TOKEN_GROUPED_NUMBER) === false) return
  }
}

/** ASCII digits only inside groups: "3.000" groups, "3.٠٠٠" does not (mixed scripts). */
const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/**
 * Where a grouped number that starts with the digits ending at `from` ends, or `from` when
 * what follows is not a group of three digits after a separator.
 */
function groupedNumberEnd(text: string, from: number, table: Uint8Array): number {
  const n = text.length
  let end = from
  let separator = -1
  while (end + 3 < n) {
    const sep = text.charCodeAt(end)
    if (!isGroupSeparator(sep) || (separator !== -1 && sep !== separator)) break
    if (
      !isAsciiDigit(text.charCodeAt(end + 1)) ||
      !isAsciiDigit(text.charCodeAt(end + 2)) ||
      !isAsciiDigit(text.charCodeAt(end + 3))
    ) {
      break
    }
    const after = end + 4 < n ? text.charCodeAt(end + 4) : -1
    if (after !== -1 && (table[after] ?? SEPARATOR) === DIGIT) break
    separator = sep
    end += 4
  }
  return end
}

export interface Token {
  key: string
  start: number
  end: number
  /** TOKEN_GROUPED_NUMBER or 0. */
  flags: number
}

/** All tokens of `text` as objects (queries, snippets and tests; indexing uses the visitor). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  forEachToken(text, (key, start, end, flags) => {
    tokens.push({ key, start, end, flags })
  })
  return tokens
}
