/** Drawing the frame on screen into a PNG, exactly as the video has it. */

/** How long to wait for the compositor to present a re-decoded frame before drawing anyway. */
const PRESENT_WAIT_MS = 500

function once(target: HTMLVideoElement, event: string): Promise<void> {
  return new Promise((resolve) => target.addEventListener(event, () => resolve(), { once: true }))
}

/**
 * Pauses and makes sure the frame for `currentTime` is the one decoded and presented: after a
 * pause or a seek the element can still hold the previous frame for a moment, and a capture
 * must show the time it is stored with. We seek to the current time again and wait for the
 * seek to finish and, where the browser can tell us, for the new frame to be presented
 * (`requestVideoFrameCallback`; it does not fire when the frame on screen stays the same, hence
 * the short fallback wait).
 */
export async function settleFrame(video: HTMLVideoElement): Promise<void> {
  video.pause()
  if (video.seeking) await once(video, 'seeked')
  const canTell = 'requestVideoFrameCallback' in video
  let handle: number | null = null
  const presented = new Promise<void>((resolve) => {
    if (canTell) handle = video.requestVideoFrameCallback(() => resolve())
  })
  const seeked = once(video, 'seeked')
  const at = video.currentTime
  video.currentTime = at
  await seeked
  let timer: ReturnType<typeof setTimeout> | undefined
  const fallback = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, canTell ? PRESENT_WAIT_MS : 0)
  })
  await Promise.race([presented, fallback])
  clearTimeout(timer)
  if (handle !== null) video.cancelVideoFrameCallback(handle)
}

/** The frame on screen at the video's own size, as base64 PNG (without the data: prefix). */
export async function framePngBase64(video: HTMLVideoElement): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = video.videoWidth
  canvas.height = video.videoHeight
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  context.drawImage(video, 0, 0, canvas.width, canvas.height)
  // toBlob throws a SecurityError when the media was served without CORS permission.
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('the frame could not be encoded as PNG')
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('the PNG could not be read'))
    reader.readAsDataURL(blob)
  })
  return dataUrl.slice(dataUrl.indexOf(',') + 1)
}
