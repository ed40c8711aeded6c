import { describe, expect, it } from 'vitest'
import {
  isDeliberate,
  pointInImage,
  rectFromCorners,
  roundRect,
  toPixels,
} from '../../../renderer/evidence/regions/region-geometry'

describe('region geometry', () => {
  const box = { left: 100, top: 50, width: 400, height: 200 }

  it('turns pointer positions into fractions of the shown image, kept inside it', () => {
    expect(pointInImage(300, 150, box)).toEqual({ x: 0.5, y: 0.5 })
    expect(pointInImage(0, 300, box)).toEqual({ x: 0, y: 1 })
    expect(pointInImage(10, 10, { ...box, width: 0 })).toEqual({ x: 0, y: 0 })
  })

  it('spans a rectangle from corners dragged in any direction', () => {
    const forward = rectFromCorners({ x: 0.1, y: 0.2 }, { x: 0.4, y: 0.6 })
    const backward = rectFromCorners({ x: 0.4, y: 0.6 }, { x: 0.1, y: 0.2 })
    expect(backward).toEqual(forward)
    expect(forward.x).toBeCloseTo(0.1)
    expect(forward.width).toBeCloseTo(0.3)
    expect(forward.height).toBeCloseTo(0.4)
  })

  it('ignores clicks and twitches, keeps real drags', () => {
    const shown = { width: 400, height: 200 }
    expect(isDeliberate({ x: 0, y: 0, width: 0.005, height: 0.5 }, shown)).toBe(false)
    expect(isDeliberate({ x: 0, y: 0, width: 0.05, height: 0.05 }, shown)).toBe(true)
  })

  it('rounds without leaving the image and converts to pixels', () => {
    const rounded = roundRect({ x: 0.1234567891, y: 0.5, width: 0.8765432119, height: 0.5 })
    expect(rounded.x).toBe(0.123457)
    expect(rounded.x + rounded.width).toBeLessThanOrEqual(1)
    expect(
      toPixels({ x: 0.25, y: 0.5, width: 0.5, height: 0.25 }, { width: 640, height: 480 }),
    ).toEqual({
      x: 160,
      y: 240,
      width: 320,
      height: 120,
    })
  })
})
