/** Words of a statement for comparison: case- and umlaut-folded, short function words dropped. */
function words(text: string): Set<string> {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/ß/g, 'ss')
  return new Set(
    (folded.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 || /\d/.test(w)),
  )
}

function trigrams(text: string): Set<string> {
  const folded = ` ${text.toLocaleLowerCase().replace(/\s+/g, ' ')} `
  const grams = new Set<string>()
  for (let i = 0; i < folded.length - 2; i++) grams.add(folded.slice(i, i + 3))
  return grams
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const item of a) if (b.has(item)) shared++
  return (2 * shared) / (a.size + b.size)
}

/**
 * How alike two claim statements read, 0–1: shared words (robust to word order) blended with
 * shared letter triples (robust to inflection: "Soldaten" / "Soldat").
 */
export function statementSimilarity(a: string, b: string): number {
  return 0.6 * overlap(words(a), words(b)) + 0.4 * overlap(trigrams(a), trigrams(b))
}

/** Statements at or above this read as "probably the same claim": offer to link, not duplicate. */
export const SIMILAR_CLAIM_THRESHOLD = 0.45
