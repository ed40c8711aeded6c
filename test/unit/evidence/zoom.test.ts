import { describe, expect, it } from 'vitest'
import { fitScale, shortHash, stepZoom } from '../../../renderer/evidence/frames/zoom'

describe('frame zoom', () => {
  it('steps to the next level in either direction and stops at the ends', () => {
    expect(stepZoom(1, 1)).toBe(1.5)
    expect(stepZoom(1, -1)).toBe(0.75)
    expect(stepZoom(0.6, 1)).toBe(0.75)
    expect(stepZoom(0.6, -1)).toBe(0.5)
    expect(stepZoom(8, 1)).toBe(8)
    expect(stepZoom(0.25, -1)).toBe(0.25)
  })

  it('fits a frame into the view without enlarging it', () => {
    expect(fitScale({ width: 1920, height: 1080 }, { width: 960, height: 1080 })).toBe(0.5)
    expect(fitScale({ width: 320, height: 240 }, { width: 960, height: 600 })).toBe(1)
    expect(fitScale({ width: 0, height: 0 }, { width: 960, height: 600 })).toBe(1)
  })

  it('shortens hashes', () => {
    expect(shortHash('ab'.repeat(32))).toBe('ababababab')
  })
})
