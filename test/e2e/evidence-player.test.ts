import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Locator, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { EvidenceItem } from '../../shared/model/evidence'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { copyMediaFixture, FIXTURE_CLIP_FPS } from '../helpers/media-fixtures'
import { showView } from './helpers/claims'
import { invoke } from './helpers/main-api'

const run = promisify(execFile)
const FRAME = 1 / FIXTURE_CLIP_FPS
const CLAIM = 'Soldiers received equipment at the Yavoriv training ground'

async function storedItem(app: AppHarness, id: string): Promise<EvidenceItem> {
  const registry = await invoke(app, 'registry:get', {})
  const item = registry.evidence.find((e) => e.id === id)
  if (!item) throw new Error(`no evidence item ${id}`)
  return item
}

async function openItem(page: Page, title: string): Promise<void> {
  await showView(page, 'Evidence')
  await page.locator('.evidence-row').filter({ hasText: title }).click()
}

const videoTime = (video: Locator) => video.evaluate((v: HTMLVideoElement) => v.currentTime)

/** Waits until a seek has landed within a millisecond of `time`. */
async function settledAt(video: Locator, time: number): Promise<void> {
  await expect
    .poll(() =>
      video.evaluate(
        (v: HTMLVideoElement, t) => !v.seeking && Math.abs(v.currentTime - t) < 1e-3,
        time,
      ),
    )
    .toBe(true)
}

async function goTo(player: Locator, video: Locator, text: string, time: number) {
  const field = player.getByLabel('Go to time')
  await field.fill(text)
  await field.press('Enter')
  await settledAt(video, time)
  await player.focus()
}

/** The frame ffmpeg decodes with index `n` (counted from 0), as RGBA pixels. */
async function referenceFrame(clip: string, n: number, dir: string): Promise<PNG> {
  const out = join(dir, `ref-${n}.png`)
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    clip,
    '-vf',
    `select=eq(n\\,${n})`,
    '-vsync',
    '0',
    '-frames:v',
    '1',
    out,
  ])
  return PNG.sync.read(await readFile(out))
}

function meanAbsoluteDifference(a: PNG, b: PNG): number {
  expect([a.width, a.height]).toEqual([b.width, b.height])
  let sum = 0
  let count = 0
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0))
    count += 3
  }
  return sum / count
}

describe('video and image evidence in the workbench', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('plays, marks and resizes a segment, steps frames, captures the exact frame, links it to a claim and keeps it all after a reload', async () => {
    app = await launchApp()
    const folder = join(app.workDir, 'footage')
    await invoke(app, 'projects:create', { name: 'Footage', folder })
    const claim = await invoke(app, 'claims:create', { statement: CLAIM })
    const clip = await copyMediaFixture('clip.mp4', join(app.workDir, 'incoming'))
    const added = await invoke(app, 'evidence:add', { taskId: 'add-clip', files: [{ path: clip }] })
    const itemId = added.added[0]?.id ?? ''
    expect(added.failed).toEqual([])

    let page = app.page
    await openItem(page, 'clip.mp4')
    let player = page.getByRole('region', { name: 'Video player: clip.mp4' })
    let video = player.locator('video')
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState))
      .toBeGreaterThanOrEqual(2)

    // Play until the time moves, then pause.
    await player.getByRole('button', { name: /Play/ }).click()
    await expect.poll(() => videoTime(video)).toBeGreaterThan(0.2)
    await player.getByRole('button', { name: /Pause/ }).click()
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true)

    // In-point at 1.0 s, out-point at 2.0 s, then name and save the segment.
    await goTo(player, video, '1.0', 1)
    await page.keyboard.press('i')
    await goTo(player, video, '0:02.000', 2)
    await page.keyboard.press('o')
    const pendingForm = player.getByRole('form', { name: 'New segment 0:01.000–0:02.000' })
    await pendingForm.getByLabel('Label').fill('Boxes unloaded')
    await pendingForm.getByRole('button', { name: 'Save segment' }).click()
    await expect
      .poll(async () =>
        (await storedItem(app, itemId)).segments.map((s) => [s.start, s.end, s.label]),
      )
      .toEqual([[1, 2, 'Boxes unloaded']])
    await player.getByRole('button', { name: 'Boxes unloaded, 0:01.000–0:02.000' }).waitFor()

    // Frame by frame: one frame forward and back from the middle of frame 37.
    await goTo(player, video, '1.5', 1.5)
    await expect(player.getByTestId('player-frame').innerText()).resolves.toBe('frame 37')
    await page.keyboard.press('ArrowRight')
    await settledAt(video, 1.5 + FRAME)
    await expect(player.getByTestId('player-frame').innerText()).resolves.toBe('frame 38')
    await page.keyboard.press('ArrowLeft')
    await settledAt(video, 1.5)

    // Capture the frame at 1.5 s: it goes to the selected segment, as a PNG with its own hash.
    await page.keyboard.press('c')
    await expect.poll(async () => (await storedItem(app, itemId)).frames.length).toBe(1)
    const item = await storedItem(app, itemId)
    const segment = item.segments[0]
    const frame = item.frames[0]
    expect(frame).toMatchObject({ time: 1.5, segmentId: segment?.id, width: 320, height: 240 })
    const png = await readFile(join(folder, frame?.path ?? ''))
    expect(createHash('sha256').update(png).digest('hex')).toBe(frame?.sha256)
    // At 25 fps, 1.5 s lies inside frame 37 (1.48–1.52 s). ffmpeg's own decode of frame 37 must
    // match the capture, and more closely than its neighbours (testsrc2 changes every frame).
    // Frames are picked by index: `ffmpeg -ss 1.5` would give the first frame starting at or
    // after 1.5 s, which is frame 38.
    const captured = PNG.sync.read(png)
    const [before, exact, after] = await Promise.all(
      [36, 37, 38].map((n) => referenceFrame(clip, n, app.workDir)),
    )
    const diffExact = meanAbsoluteDifference(captured, exact as PNG)
    expect(diffExact).toBeLessThan(3)
    expect(diffExact).toBeLessThan(meanAbsoluteDifference(captured, before as PNG))
    expect(diffExact).toBeLessThan(meanAbsoluteDifference(captured, after as PNG))

    // A second frame, one frame later, to compare side by side.
    await page.keyboard.press('ArrowRight')
    await settledAt(video, 1.5 + FRAME)
    await player.getByRole('button', { name: 'Capture frame (C)' }).click()
    await expect.poll(async () => (await storedItem(app, itemId)).frames.length).toBe(2)
    const gallery = page.getByRole('region', { name: /Captured frames/ })
    await gallery.getByLabel('Compare the frame at 0:01.500').check()
    await gallery.getByLabel('Compare the frame at 0:01.540').check()
    await gallery.getByRole('button', { name: /Compare \(2 of 2/ }).click()
    const compare = page.getByRole('dialog', { name: 'Compare frames' })
    await expect
      .poll(() =>
        compare
          .locator('img')
          .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([320, 320])
    await app.screenshot('evidence-player-compare')
    await compare.getByRole('button', { name: 'Close' }).click()
    const note = gallery.getByLabel('Note on the frame at 0:01.540')
    await note.fill('Second crate visible')
    await note.press('Enter')
    await expect
      .poll(async () => (await storedItem(app, itemId)).frames.map((f) => f.note).sort())
      .toEqual(['', 'Second crate visible'])

    // Link the segment to the claim as supporting it.
    const segments = page.getByRole('region', { name: /^Segments/ })
    await segments.getByLabel('Claim for Boxes unloaded').selectOption({ label: CLAIM })
    await segments.getByLabel('Stance').selectOption({ label: 'Supports' })
    await segments.getByRole('button', { name: 'Link' }).click()
    await expect
      .poll(async () => (await storedItem(app, itemId)).segments[0]?.claimLinks)
      .toEqual([{ claimId: claim.id, stance: 'supports' }])
    await segments.getByRole('button', { name: CLAIM, exact: true }).waitFor()
    await app.screenshot('evidence-player-segments')
    await player.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await app.screenshot('evidence-player-video')

    // A fresh window shows the segment, its link and the frames again.
    page = await app.newPage()
    await openItem(page, 'clip.mp4')
    player = page.getByRole('region', { name: 'Video player: clip.mp4' })
    video = player.locator('video')
    const bar = player.getByRole('button', { name: 'Boxes unloaded, 0:01.000–0:02.000' })
    await bar.click()
    await settledAt(video, 1)
    const reloadedSegments = page.getByRole('region', { name: /^Segments/ })
    await reloadedSegments.getByRole('button', { name: CLAIM, exact: true }).waitFor()
    await expect(reloadedSegments.locator('.stance-badge').first().innerText()).resolves.toBe(
      'Supports',
    )
    const thumbs = page.getByRole('region', { name: /Captured frames/ }).locator('.frame-thumb img')
    await expect
      .poll(() =>
        thumbs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([320, 320])

    // A frame enlarged: fitted first (a 320×240 frame fits at 100 %), then zoomed in.
    await page
      .getByRole('region', { name: /Captured frames/ })
      .getByRole('button', { name: 'Enlarge the frame at 0:01.500' })
      .click()
    const zoom = page.getByRole('dialog', { name: 'Frame at 0:01.500' })
    await expect(zoom.locator('.frame-viewer-level').innerText()).resolves.toBe('100 %')
    await zoom.getByRole('button', { name: 'Zoom in' }).click()
    await expect(zoom.locator('.frame-viewer-level').innerText()).resolves.toBe('150 %')
    await expect
      .poll(() => zoom.locator('img').evaluate((i: HTMLImageElement) => i.width))
      .toBe(480)
    await app.screenshot('evidence-player-zoom', page)
    await page.keyboard.press('Escape')
    await zoom.waitFor({ state: 'detached' })

    // Drag the segment's end from 2.0 s to about 2.6 s.
    const track = await player.getByTestId('timeline-track').boundingBox()
    const edge = await player.locator('.timeline-edge-end').boundingBox()
    if (!track || !edge) throw new Error('timeline not laid out')
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration)
    const targetX = track.x + (2.6 / duration) * track.width
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2)
    await page.mouse.down()
    await page.mouse.move(targetX, edge.y + edge.height / 2, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await storedItem(app, itemId)).segments[0]?.end ?? 0).not.toBe(2)
    const resized = (await storedItem(app, itemId)).segments[0]
    // Snapped to a frame boundary near where the mouse was let go (one pixel is ~ 4 ms).
    expect(Math.abs((resized?.end ?? 0) - 2.6)).toBeLessThanOrEqual(FRAME)
    expect(
      Math.abs(
        (resized?.end ?? 0) * FIXTURE_CLIP_FPS - Math.round((resized?.end ?? 0) * FIXTURE_CLIP_FPS),
      ),
    ).toBeLessThan(1e-6)
    expect(resized?.start).toBe(1)

    // Alt+Shift+→ moves the out-point of the selected segment one frame later.
    await player.focus()
    await page.keyboard.press('Alt+Shift+ArrowRight')
    await expect
      .poll(async () => (await storedItem(app, itemId)).segments[0]?.end ?? 0)
      .toBeCloseTo((resized?.end ?? 0) + FRAME, 6)

    // The file gone from the project: the player says so, naming the file, instead of staying black.
    await rm(join(folder, item.file.path))
    page = await app.newPage()
    await openItem(page, 'clip.mp4')
    const problem = page.getByRole('region', { name: 'Video player: clip.mp4' }).getByRole('alert')
    await expect.poll(() => problem.innerText()).toMatch(/The file clip\.mp4 is missing/)
    await app.screenshot('evidence-player-missing', page)
    // The browser logs the failed media request itself; nothing else may have gone wrong.
    expect(app.pageErrors.filter((e) => !/Failed to load resource.*404/.test(e))).toEqual([])
  })

  it('marks a region on an image, links it to a claim and finds it after a reload', async () => {
    app = await launchApp()
    const folder = join(app.workDir, 'photos')
    await invoke(app, 'projects:create', { name: 'Photos', folder })
    const claim = await invoke(app, 'claims:create', { statement: CLAIM })
    const image = await copyMediaFixture('image.png', join(app.workDir, 'incoming'))
    const added = await invoke(app, 'evidence:add', {
      taskId: 'add-image',
      files: [{ path: image }],
    })
    const itemId = added.added[0]?.id ?? ''

    let page = app.page
    await openItem(page, 'image.png')
    const overlay = page.getByTestId('region-overlay')
    await expect
      .poll(() =>
        page.locator('.region-canvas img').evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBeGreaterThan(0)
    const box = await overlay.boundingBox()
    if (!box) throw new Error('image not laid out')
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.7, { steps: 6 })
    await page.mouse.up()
    const form = page.getByRole('form', { name: 'New region' })
    await form.getByLabel('Label').fill('Vehicle')
    await form.getByRole('button', { name: 'Save region' }).click()
    await expect.poll(async () => (await storedItem(app, itemId)).regions.length).toBe(1)
    const region = (await storedItem(app, itemId)).regions[0]
    expect(region?.label).toBe('Vehicle')
    for (const [value, expected] of [
      [region?.x, 0.25],
      [region?.y, 0.2],
      [region?.width, 0.5],
      [region?.height, 0.5],
    ] as const)
      expect(Math.abs((value ?? -1) - expected)).toBeLessThan(0.03)

    const panel = page.getByRole('region', { name: 'Region “Vehicle”' })
    await panel.getByLabel('Claim for Vehicle').selectOption({ label: CLAIM })
    await panel.getByLabel('Stance').selectOption({ label: 'Contradicts' })
    await panel.getByRole('button', { name: 'Link' }).click()
    await expect
      .poll(async () => (await storedItem(app, itemId)).regions[0]?.claimLinks)
      .toEqual([{ claimId: claim.id, stance: 'contradicts' }])
    await panel.getByRole('button', { name: CLAIM, exact: true }).waitFor()
    await app.screenshot('evidence-image-region')

    page = await app.newPage()
    await openItem(page, 'image.png')
    const boxButton = page.getByRole('button', { name: 'Region Vehicle' })
    await boxButton.click()
    const reloaded = page.getByRole('region', { name: 'Region “Vehicle”' })
    await reloaded.getByRole('button', { name: CLAIM, exact: true }).waitFor()

    // Delete from the keyboard, confirmed.
    await boxButton.focus()
    await page.keyboard.press('Delete')
    await page
      .getByRole('dialog', { name: 'Delete region?' })
      .getByRole('button', { name: 'Delete region' })
      .click()
    await expect.poll(async () => (await storedItem(app, itemId)).regions.length).toBe(0)
    expect(app.pageErrors).toEqual([])
  })
})
