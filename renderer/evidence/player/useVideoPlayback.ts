import { type RefObject, useEffect, useRef, useState } from 'react'

export interface PlaybackState {
  time: number
  duration: number
  paused: boolean
  muted: boolean
  rate: number
  /** The element's error once loading or decoding failed. */
  error: { code: number; message: string } | null
  /** Metadata (size, duration) is known. */
  ready: boolean
}

const INITIAL: PlaybackState = {
  time: 0,
  duration: 0,
  paused: true,
  muted: false,
  rate: 1,
  error: null,
  ready: false,
}

/**
 * Mirrors a <video> element's state for rendering. While it plays, the time is read every
 * animation frame (timeupdate comes only four times a second, too coarse for a playhead and a
 * frame counter), and playback jumps back to `loop.start` once it reaches `loop.end`.
 */
export function useVideoPlayback(
  videoRef: RefObject<HTMLVideoElement | null>,
  loop: { start: number; end: number } | null,
  fallbackDuration: number,
): PlaybackState {
  const [state, setState] = useState<PlaybackState>(INITIAL)
  const loopRef = useRef(loop)
  useEffect(() => {
    loopRef.current = loop
  }, [loop])

  useEffect(() => {
    const video = videoRef.current
    if (!video) return
    let raf = 0
    const duration = () =>
      Number.isFinite(video.duration) && video.duration > 0 ? video.duration : fallbackDuration
    const read = () =>
      setState((s) => {
        const next: PlaybackState = {
          time: video.currentTime,
          duration: duration(),
          paused: video.paused,
          muted: video.muted,
          rate: video.playbackRate,
          error: video.error ? { code: video.error.code, message: video.error.message } : null,
          ready: video.readyState >= HTMLMediaElement.HAVE_METADATA,
        }
        const same = (Object.keys(next) as Array<keyof PlaybackState>).every((k) =>
          k === 'error' ? s.error?.code === next.error?.code : s[k] === next[k],
        )
        return same ? s : next
      })
    const tick = () => {
      const range = loopRef.current
      if (range && !video.paused && video.currentTime >= range.end) video.currentTime = range.start
      read()
      raf = video.paused ? 0 : requestAnimationFrame(tick)
    }
    const onPlay = () => {
      const range = loopRef.current
      if (range && (video.currentTime < range.start || video.currentTime >= range.end))
        video.currentTime = range.start
      cancelAnimationFrame(raf)
      raf = requestAnimationFrame(tick)
      read()
    }
    const onEnded = () => {
      // A segment that runs to the very end still loops.
      const range = loopRef.current
      if (range) {
        video.currentTime = range.start
        void video.play().catch(() => undefined)
      }
      read()
    }
    const events = [
      'loadedmetadata',
      'durationchange',
      'pause',
      'seeked',
      'seeking',
      'timeupdate',
      'ratechange',
      'volumechange',
      'error',
      'emptied',
    ]
    for (const e of events) video.addEventListener(e, read)
    video.addEventListener('play', onPlay)
    video.addEventListener('ended', onEnded)
    read()
    return () => {
      cancelAnimationFrame(raf)
      for (const e of events) video.removeEventListener(e, read)
      video.removeEventListener('play', onPlay)
      video.removeEventListener('ended', onEnded)
    }
  }, [videoRef, fallbackDuration])

  return state
}
