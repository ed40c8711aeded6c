import { describe, expect, it } from 'vitest'
import {
  clampTime,
  effectiveFps,
  formatRange,
  formatTimeCode,
  frameIndexAt,
  frameStepTarget,
  parseTimeCode,
  snapToFrame,
} from '../../../renderer/evidence/player/time-code'
import {
  assignLanes,
  percentOf,
  stanceTone,
} from '../../../renderer/evidence/player/timeline-layout'

describe('time codes', () => {
  it('formats seconds as m:ss.mmm, with hours once there are any', () => {
    expect(formatTimeCode(0)).toBe('0:00.000')
    expect(formatTimeCode(1.5)).toBe('0:01.500')
    expect(formatTimeCode(61.0405)).toBe('1:01.041')
    expect(formatTimeCode(59.9996)).toBe('1:00.000')
    expect(formatTimeCode(3723.25)).toBe('1:02:03.250')
    expect(formatTimeCode(-3)).toBe('0:00.000')
    expect(formatRange(1, 2)).toBe('0:01.000–0:02.000')
  })

  it('reads plain seconds and time codes, with a decimal point or comma', () => {
    expect(parseTimeCode('1.5')).toBe(1.5)
    expect(parseTimeCode(' 1,5 ')).toBe(1.5)
    expect(parseTimeCode('0:01.500')).toBe(1.5)
    expect(parseTimeCode('2:03')).toBe(123)
    expect(parseTimeCode('1:02:03.25')).toBe(3723.25)
    expect(parseTimeCode('.5')).toBe(0.5)
    expect(parseTimeCode('90')).toBe(90)
  })

  it('refuses what is not a time', () => {
    for (const text of ['', 'abc', '1:60', '1:75:00', '-1', '1.2.3', '1:', ':5'])
      expect(parseTimeCode(text), text).toBeNull()
  })

  it('round-trips what it formats', () => {
    for (const t of [0, 0.04, 1.5, 59.999, 754.321])
      expect(parseTimeCode(formatTimeCode(t))).toBe(t)
  })
})

describe('frame maths', () => {
  it('falls back to 25 fps when the file does not say', () => {
    expect(effectiveFps(null)).toBe(25)
    expect(effectiveFps(0)).toBe(25)
    expect(effectiveFps(29.97)).toBe(29.97)
  })

  it('counts the frame shown at a time, including exactly on a boundary', () => {
    expect(frameIndexAt(0, 25)).toBe(0)
    expect(frameIndexAt(1.5, 25)).toBe(37)
    expect(frameIndexAt(1.48, 25)).toBe(37)
    expect(frameIndexAt(1.5199, 25)).toBe(37)
    expect(frameIndexAt(1.52, 25)).toBe(38)
    // 0.12 * 25 is 2.9999999999999996 in floating point: still frame 3.
    expect(frameIndexAt(0.12, 25)).toBe(3)
  })

  it('steps to the middle of the neighbouring frame and stays inside the video', () => {
    expect(frameStepTarget(1.5, 25, 1, 3)).toBeCloseTo(1.54, 10)
    expect(frameStepTarget(1.5, 25, -1, 3)).toBeCloseTo(1.46, 10)
    expect(frameStepTarget(1.48, 25, 1, 3)).toBeCloseTo(1.54, 10)
    expect(frameStepTarget(0.01, 25, -1, 3)).toBeCloseTo(0.02, 10)
    // 3 s at 25 fps has frames 0–74: the last step lands in frame 74.
    expect(frameStepTarget(2.99, 25, 1, 3)).toBeCloseTo(2.98, 10)
    expect(frameStepTarget(1, 25, 5, 0)).toBeCloseTo(1.22, 10)
  })

  it('snaps to frame boundaries and clamps into the video', () => {
    expect(snapToFrame(1.013, 25)).toBeCloseTo(1.0, 10)
    expect(snapToFrame(1.03, 25)).toBeCloseTo(1.04, 10)
    expect(clampTime(-1, 3)).toBe(0)
    expect(clampTime(4, 3)).toBe(3)
    expect(clampTime(4, Number.NaN)).toBe(4)
    expect(clampTime(Number.NaN, 3)).toBe(0)
  })
})

describe('timeline layout', () => {
  it('puts overlapping segments on separate lanes and reuses freed lanes', () => {
    const lanes = assignLanes([
      { id: 'a', start: 0, end: 2 },
      { id: 'b', start: 1, end: 3 },
      { id: 'c', start: 2, end: 4 },
      { id: 'd', start: 1.5, end: 1.8 },
    ])
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, d: 2, c: 0 })
  })

  it('colours by the stance the links share', () => {
    expect(stanceTone([])).toBe('none')
    expect(stanceTone([{ claimId: 'a', stance: 'context' }])).toBe('context')
    expect(
      stanceTone([
        { claimId: 'a', stance: 'context' },
        { claimId: 'b', stance: 'supports' },
      ]),
    ).toBe('supports')
    expect(
      stanceTone([
        { claimId: 'a', stance: 'contradicts' },
        { claimId: 'b', stance: 'supports' },
      ]),
    ).toBe('mixed')
  })

  it('places times in percent of the duration', () => {
    expect(percentOf(1.5, 3)).toBe(50)
    expect(percentOf(5, 3)).toBe(100)
    expect(percentOf(1, 0)).toBe(0)
  })
})
