/** Rectangles on an image, in fractions (0–1) of its natural width and height. */
export interface FractionRect {
  x: number
  y: number
  width: number
  height: number
}

export interface Point {
  x: number
  y: number
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v))

/** Where a pointer is over the shown image, in fractions of its size, kept inside the image. */
export function pointInImage(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
): Point {
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0 }
  return {
    x: clamp01((clientX - box.left) / box.width),
    y: clamp01((clientY - box.top) / box.height),
  }
}

/** The rectangle spanned by two corners dragged in any direction. */
export function rectFromCorners(a: Point, b: Point): FractionRect {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return {
    x,
    y,
    width: Math.min(1 - x, Math.abs(a.x - b.x)),
    height: Math.min(1 - y, Math.abs(a.y - b.y)),
  }
}

/**
 * True if a dragged rectangle is big enough to be meant as a region (at least `minPixels` on
 * screen each way): a click or a twitch of the mouse is not a region.
 */
export function isDeliberate(
  rect: FractionRect,
  shown: { width: number; height: number },
  minPixels = 6,
): boolean {
  return rect.width * shown.width >= minPixels && rect.height * shown.height >= minPixels
}

/** Rounds fractions to 6 places, so stored regions do not carry float noise. */
export function roundRect(rect: FractionRect): FractionRect {
  const r = (v: number) => Math.round(v * 1e6) / 1e6
  const x = r(rect.x)
  const y = r(rect.y)
  return { x, y, width: Math.min(r(rect.width), 1 - x), height: Math.min(r(rect.height), 1 - y) }
}

/** A region's extent in the image's own pixels, e.g. for "120 × 80 px at 10, 20". */
export function toPixels(rect: FractionRect, natural: { width: number; height: number }) {
  return {
    x: Math.round(rect.x * natural.width),
    y: Math.round(rect.y * natural.height),
    width: Math.round(rect.width * natural.width),
    height: Math.round(rect.height * natural.height),
  }
}
