import type { z } from 'zod'

/** Names the failing fields of a zod error in one readable line: `title: must not be empty`. */
export function describeZodError(error: z.ZodError, maxIssues = 3): string {
  const parts = error.issues.slice(0, maxIssues).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(whole value)'
    return `${where}: ${issue.message}`
  })
  const more = error.issues.length - maxIssues
  return more > 0 ? `${parts.join('; ')} (and ${more} more)` : parts.join('; ')
}
