/**
 * Time codes and frame maths for the video workbench. Pure functions, so the rules that decide
 * which frame the user sees are tested without a browser.
 */

/** Used when the file does not state its frame rate. */
export const FALLBACK_FPS = 25

/** Times closer than this to a frame boundary count as on it (float noise from seconds × fps). */
const BOUNDARY_EPSILON = 1e-6

// Formatting is shared with the reports, which print the same time codes.
export { formatTimeCode, formatTimeRange as formatRange } from '../../../shared/time-code'

const TIME_CODE = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:[.,]\d*)?|[.,]\d+)$/

/**
 * Reads what a user typed into a "go to time" field: plain seconds ("1.5", German "1,5") or a
 * time code ("0:01.500", "1:02:03.25"). Minutes and seconds after a colon must be below 60.
 * Null for anything else.
 */
export function parseTimeCode(text: string): number | null {
  const match = TIME_CODE.exec(text.trim())
  if (!match) return null
  const [, hours, minutes, seconds = ''] = match
  const s = Number(seconds.replace(',', '.'))
  const m = minutes === undefined ? 0 : Number(minutes)
  const h = hours === undefined ? 0 : Number(hours)
  if (!Number.isFinite(s)) return null
  if (minutes !== undefined && s >= 60) return null
  if (hours !== undefined && m >= 60) return null
  return h * 3600 + m * 60 + s
}

/** The frame rate to work with: the file's own, else 25 fps. */
export function effectiveFps(frameRate: number | null | undefined): number {
  return frameRate && Number.isFinite(frameRate) && frameRate > 0 ? frameRate : FALLBACK_FPS
}

/**
 * The index of the frame on screen at `time`: frame n is shown from n/fps until (n+1)/fps,
 * which is how Chromium picks the frame for a paused video's current time.
 */
export function frameIndexAt(time: number, fps: number): number {
  return Math.max(0, Math.floor(time * fps + BOUNDARY_EPSILON))
}

/**
 * Where to seek to show the frame `delta` frames away from the one on screen. We aim at the
 * middle of the target frame, not its first instant: a time exactly on a boundary can show
 * either neighbour (rounding in the container's time base), the middle cannot.
 */
export function frameStepTarget(time: number, fps: number, delta: number, duration: number) {
  const last = duration > 0 ? Math.max(0, Math.ceil(duration * fps - BOUNDARY_EPSILON) - 1) : null
  let target = frameIndexAt(time, fps) + delta
  if (last !== null) target = Math.min(target, last)
  target = Math.max(0, target)
  return (target + 0.5) / fps
}

/** The nearest frame boundary: segment edges snap to it so they mean whole frames. */
export function snapToFrame(time: number, fps: number): number {
  return Math.round(time * fps) / fps
}

/** Keeps a time inside the video. */
export function clampTime(time: number, duration: number): number {
  if (!Number.isFinite(time)) return 0
  const upper = duration > 0 ? duration : Number.POSITIVE_INFINITY
  return Math.min(Math.max(0, time), upper)
}
