/**
 * Time codes as the video player shows them and reports print them: one format on both sides,
 * so a time read off the screen can be found in a report.
 */

/** "m:ss.mmm" (or "h:mm:ss.mmm" from an hour on), e.g. 0:01.500; negative times read as 0. */
export function formatTimeCode(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000))
  const ms = totalMs % 1000
  const totalSeconds = Math.floor(totalMs / 1000)
  const s = totalSeconds % 60
  const totalMinutes = Math.floor(totalSeconds / 60)
  const m = totalMinutes % 60
  const h = Math.floor(totalMinutes / 60)
  const tail = `${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${tail}` : `${m}:${tail}`
}

/** "0:01.000–0:02.000" */
export function formatTimeRange(start: number, end: number): string {
  return `${formatTimeCode(start)}–${formatTimeCode(end)}`
}
