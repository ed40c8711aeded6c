/**
 * The other spellings a dictionary key is found under: folded forms (umlauts, ß, accents, ё,
 * digit grouping) and light German and English stems. Variants belong to the key, not to a
 * document, so the index computes them once per distinct key and a query looks them up.
 *
 * Decisions:
 * - Folding gives up to two forms: German umlauts as "ae/oe/ue" and as plain "a/o/u" (so
 *   "Mueller" and "Muller" both find "Müller"); ß is "ss" in both. Other Latin letters lose
 *   their accents ("café" is "cafe"; æ, œ, ø, ł, đ, þ, ð and ı are spelled out). Cyrillic ё is
 *   е; other Cyrillic letters (й, ї, є, ґ) are letters of their own and stay. Greek ς is σ.
 * - A grouped number ("3.000", "3,000", "10 000") folds to its digits ("3000"). A number
 *   grouped by spaces also folds to its parts ("10", "000"): "2 500" may as well be two numbers.
 * - Stemming applies to folded words of ASCII letters only (so never to Cyrillic, digits or
 *   mixed tokens), strips at most one ending and always leaves three letters or more:
 *   - German: -innen → -in, then the first of -ern, -en, -er, -es, -e, -s (after b d f g h k l
 *     m n r t only, so "Haus" stays) and -n (after l only: "Regeln"); a final "niss" becomes
 *     "nis" ("Ergebnisse" → "ergebnis"). Words under four letters are left alone.
 *   - English: -ies/-ied → -y, -sses → -ss, -es after s/x/z/ch/sh, -s (not after s, u, i),
 *     -eed → -ee, -ed and -ing when a vowel stays (undoubling "stopp" → "stop"), and then a
 *     final -e ("delete", "deleted", "deleting" → "delet"). A few words are left alone
 *     ("news", "always", ...). Words under four letters are left alone.
 *   Stems are match keys, not words: "soldaten" and "soldat" meet at "soldat", "soldiers" and
 *   "soldier" at "soldier". Both stemmers are light; they over-match some unrelated words
 *   ("Müller"/"Müll"), which is why stemmed matches rank below exact and folded ones.
 */

/** Variant kinds, as bits: a German stem, an English stem, a folded form. */
export const STEM_DE = 1
export const STEM_EN = 2
export const STEM_ANY = STEM_DE | STEM_EN
export const FOLD = 4

const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  ё: 'е',
  ς: 'σ',
}

const foldCache = new Map<number, string>()

/** The folded form of one lowercase character other than ä, ö and ü. */
function foldChar(ch: string, code: number): string {
  const cached = foldCache.get(code)
  if (cached !== undefined) return cached
  let folded = SPECIAL_FOLDS[ch]
  if (folded === undefined) {
    const latin = (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff)
    folded = latin ? ch.normalize('NFD').replace(/\p{M}/gu, '') || ch : ch
  }
  foldCache.set(code, folded)
  return folded
}

function fold(key: string, umlautsAsE: boolean): string {
  let out = ''
  for (const ch of key) {
    const code = ch.codePointAt(0) ?? 0
    if (code < 0x80) out += ch
    else if (ch === 'ä') out += umlautsAsE ? 'ae' : 'a'
    else if (ch === 'ö') out += umlautsAsE ? 'oe' : 'o'
    else if (ch === 'ü') out += umlautsAsE ? 'ue' : 'u'
    else out += foldChar(ch, code)
  }
  return out
}

function isAscii(key: string): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) >= 0x80) return false
  return true
}

/** A key made by the tokenizer for a grouped number: digits with separators in between. */
export function isGroupedNumberKey(key: string): boolean {
  return /^\p{N}+(?:[.,' ]\p{N}{3})+$/u.test(key)
}

/** The folded forms of `key` that differ from it (none for most keys). */
export function foldVariants(key: string): string[] {
  if (isGroupedNumberKey(key)) {
    const out = [key.replace(/[^\p{N}]/gu, '')]
    if (key.includes(' ')) out.push(...key.split(' '))
    return [...new Set(out)].filter((v) => v !== key)
  }
  if (isAscii(key)) return []
  const e = fold(key, true)
  const plain = fold(key, false)
  const out: string[] = []
  if (e !== key) out.push(e)
  if (plain !== key && plain !== e) out.push(plain)
  return out
}

const S_ENDING = new Set('bdfghklmnrt')

/** Light German stemming of a folded lowercase word (see the module comment). */
export function stemGerman(word: string): string {
  const n = word.length
  if (n < 4) return word
  let stem = word
  if (word.endsWith('innen') && n - 3 >= 3) stem = word.slice(0, -3)
  else if (word.endsWith('ern') && n - 3 >= 3) stem = word.slice(0, -3)
  else if ((word.endsWith('en') || word.endsWith('er') || word.endsWith('es')) && n - 2 >= 3) {
    stem = word.slice(0, -2)
  } else if (word.endsWith('e') && n - 1 >= 3) stem = word.slice(0, -1)
  else if (word.endsWith('s') && n - 1 >= 3 && S_ENDING.has(word[n - 2] ?? '')) {
    stem = word.slice(0, -1)
  } else if (word.endsWith('ln') && n - 1 >= 3) stem = word.slice(0, -1)
  if (stem.endsWith('niss')) stem = stem.slice(0, -1)
  return stem
}

const ENGLISH_KEEP = new Set([
  'news',
  'always',
  'perhaps',
  'series',
  'species',
  'whereas',
  'lens',
  'does',
])
const VOWEL = /[aeiouy]/

function undouble(word: string): string {
  const n = word.length
  const last = word[n - 1] ?? ''
  return n >= 4 && last === word[n - 2] && !'aeioulsz'.includes(last) ? word.slice(0, -1) : word
}

/** Light English stemming of a lowercase word (see the module comment). */
export function stemEnglish(word: string): string {
  const n = word.length
  if (n < 4 || ENGLISH_KEEP.has(word)) return word
  let w = word
  if (w.endsWith('ies') && n > 4) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (/(?:[sxz]|ch|sh)es$/.test(w) && n - 2 >= 3) w = w.slice(0, -2)
  else if (w.endsWith('s') && !/[sui]s$/.test(w)) w = w.slice(0, -1)
  else if (w.endsWith('ied') && n > 4) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('eed') && n > 4) w = w.slice(0, -1)
  else if (w.endsWith('ed') && n - 2 >= 3 && VOWEL.test(w.slice(0, -2))) {
    w = undouble(w.slice(0, -2))
  } else if (w.endsWith('ing') && n - 3 >= 3 && VOWEL.test(w.slice(0, -3))) {
    w = undouble(w.slice(0, -3))
  }
  if (w.endsWith('e') && w.length - 1 >= 3) w = w.slice(0, -1)
  return w
}

/**
 * The stems of a folded word that differ from it, each with the stemmers that produce it
 * (STEM_DE, STEM_EN or both). Empty for anything but ASCII letters.
 */
export function stemVariants(word: string): Array<[string, number]> {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return []
  const de = stemGerman(word)
  const en = stemEnglish(word)
  const out: Array<[string, number]> = []
  if (de === en) {
    if (de !== word) out.push([de, STEM_ANY])
  } else {
    if (de !== word) out.push([de, STEM_DE])
    if (en !== word) out.push([en, STEM_EN])
  }
  return out
}

/** The stemmers whose variants count for a document in `language`. */
export function stemmersFor(language: string | undefined): number {
  if (language === 'de') return STEM_DE
  if (language === 'en') return STEM_EN
  return STEM_ANY
}
