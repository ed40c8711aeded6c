import { createReadStream } from 'node:fs'

/** How much unfinished object text is carried between chunks (an object larger is skipped). */
const MAX_CARRY = 1024 * 1024

/**
 * A PDF's page count without a PDF library, or null when it cannot be told cheaply. Linearised
 * files state it up front (`/Linearized … /N pages`); otherwise the page tree's nodes
 * (`/Type /Pages … /Count n`) are read while streaming the file, and the root's count is the
 * largest. Page trees inside compressed object streams are invisible to this: null.
 */
export async function countPdfPages(path: string): Promise<number | null> {
  let carry = ''
  let largest: number | null = null
  let first = true
  const stream = createReadStream(path, { encoding: 'latin1', highWaterMark: 1024 * 1024 })
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = carry + chunk
    if (first) {
      first = false
      const linearized = /\/Linearized\b[^>]*?\/N\s+(\d+)/.exec(text.slice(0, 2048))
      if (linearized?.[1]) {
        stream.destroy()
        return Number(linearized[1])
      }
    }
    const objects = /\bobj\b([\s\S]*?)\bendobj\b/g
    let consumed = 0
    for (let match = objects.exec(text); match; match = objects.exec(text)) {
      consumed = objects.lastIndex
      const body = match[1] ?? ''
      if (!/\/Type\s*\/Pages\b/.test(body)) continue
      const count = /\/Count\s+(\d+)/.exec(body)
      if (count?.[1]) largest = Math.max(largest ?? 0, Number(count[1]))
    }
    carry = text.slice(consumed)
    if (carry.length > MAX_CARRY) carry = carry.slice(-MAX_CARRY)
  }
  return largest
}
