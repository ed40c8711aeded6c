/** Byline prefixes in the four import languages: "Von", "By", "Автор:", "Від", "От"… */
const BYLINE_PREFIX =
  /^(?:von|by|written by|text|autor(?:in|en|innen)?|authors?|автор(?:и|ы)?|від|от|текст)\s*:?\s+/iu

/** Separators between names: ' and ', ',', ' und ', ' і ', ' и ', ' та ', ' & ', ';'. */
const SEPARATOR = /\s*[,;&]\s*|\s+(?:and|und|і|и|та|й)\s+/iu

const MAX_NAME_LENGTH = 100

/** Trims, collapses whitespace and NFC-normalises a metadata value. */
export function cleanValue(value: string | null | undefined): string {
  return (value ?? '').normalize('NFC').replace(/\s+/g, ' ').trim()
}

/**
 * Author names from a byline such as "Von Anna Berger und Jonas Krüger": prefix dropped,
 * split on the separators above, URLs, e-mail addresses and duplicates left out.
 */
export function splitAuthors(byline: string): string[] {
  const cleaned = cleanValue(byline).replace(BYLINE_PREFIX, '')
  const names: string[] = []
  const seen = new Set<string>()
  for (const part of cleaned.split(SEPARATOR)) {
    const name = part.trim().replace(/^[-–—:|·]+\s*|\s*[-–—:|·]+$/g, '')
    if (name === '' || name.length > MAX_NAME_LENGTH) continue
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || /\S@\S/.test(name)) continue
    const key = name.toLocaleLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    names.push(name)
  }
  return names
}
