/** Zoom levels for looking at captured frames: 'fit' shows the whole frame in the view. */
export type Zoom = 'fit' | number

export const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8] as const

const MIN_STEP = ZOOM_STEPS[0]
const MAX_STEP = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 8

/**
 * The next zoom step in `direction` from the current scale (for 'fit', the scale the fitted
 * frame is shown at), so zooming in from "fit" never zooms out.
 */
export function stepZoom(current: number, direction: 1 | -1): number {
  const tolerance = 1e-3
  if (direction > 0) return ZOOM_STEPS.find((s) => s > current + tolerance) ?? MAX_STEP
  return [...ZOOM_STEPS].reverse().find((s) => s < current - tolerance) ?? MIN_STEP
}

/** The scale at which a frame of `natural` size fits into `view`, never above 100 %. */
export function fitScale(
  natural: { width: number; height: number },
  view: { width: number; height: number },
): number {
  if (natural.width <= 0 || natural.height <= 0) return 1
  return Math.min(1, view.width / natural.width, view.height / natural.height)
}

/** The first characters of a hash, enough to tell frames apart at a glance. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 10)
}
