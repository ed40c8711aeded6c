/**
 * The report preview held in memory: the latest rendered report of the open project, under a
 * random token that the media protocol serves (`report-preview/<token>`). Only the latest is
 * kept (a preview replaces the one before), and only while its project stays open.
 */
import { randomBytes } from 'node:crypto'

export class ReportPreviews {
  private latest: { token: string; html: string; owner: object } | null = null

  /** Keeps `html` as the preview of `owner` (the open project); returns its token. */
  put(owner: object, html: string): string {
    const token = randomBytes(18).toString('base64url')
    this.latest = { token, html, owner }
    return token
  }

  /** The preview's HTML, if `token` names the latest one and `owner` is still the one open. */
  get(token: string, owner: object | null): string | null {
    const latest = this.latest
    if (!latest || latest.token !== token || latest.owner !== owner) return null
    return latest.html
  }

  clear(): void {
    this.latest = null
  }
}
