import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../shared/model/claim'
import type { EvidenceItem, FileCheck, Segment } from '../../shared/model/evidence'
import { evidenceUrl } from '../../shared/media-urls'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { useNotifications } from '../ui/Notifications'
import { FramesGallery } from './frames/FramesGallery'
import { framePngBase64, settleFrame } from './player/capture'
import { PendingSegmentForm } from './player/PendingSegmentForm'
import { SegmentList } from './player/SegmentList'
import {
  clampTime,
  effectiveFps,
  formatTimeCode,
  frameIndexAt,
  frameStepTarget,
  parseTimeCode,
  snapToFrame,
} from './player/time-code'
import { Timeline, type TimeRange } from './player/Timeline'
import { useVideoPlayback } from './player/useVideoPlayback'
import './player/player.css'

export interface VideoWorkbenchProps {
  item: EvidenceItem
  claims: Claim[]
  focusSegmentId?: string | null
  onOpenClaim(id: string): void
}

const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const

/** The video player with its timeline, segments and captured frames. */
export function VideoWorkbench(props: VideoWorkbenchProps) {
  // Selection, in/out points and drafts belong to one item: start afresh for another.
  return <Workbench key={props.item.id} {...props} />
}

/** Keys typed into these belong to the field, not to the player's shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'range'].includes(target.type))
  )
}

function Workbench({ item, claims, focusSegmentId = null, onOpenClaim }: VideoWorkbenchProps) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const notify = useNotifications()
  const id = useId()
  const videoRef = useRef<HTMLVideoElement>(null)
  const fps = effectiveFps(item.metadata.frameRate)
  const fileName = item.file.originalName

  const [selectedId, setSelectedId] = useState<string | null>(focusSegmentId)
  const [focusSeen, setFocusSeen] = useState(focusSegmentId)
  if (focusSeen !== focusSegmentId) {
    setFocusSeen(focusSegmentId)
    if (focusSegmentId) setSelectedId(focusSegmentId)
  }
  // A range being saved is used at once, before the registry snapshot with it arrives: the bar
  // must not jump back, and a nudge right after a drag must start where the drag left the
  // segment. Ignored once the snapshot's segment changes (saved, undone or edited elsewhere).
  const [saved, setSaved] = useState<ReadonlyMap<string, { segment: Segment; base: string }>>(
    new Map(),
  )
  const segments = useMemo(
    () =>
      item.segments.map((s) => {
        const newer = saved.get(s.id)
        return newer && newer.base === s.updatedAt ? newer.segment : s
      }),
    [item.segments, saved],
  )
  const selected = segments.find((s) => s.id === selectedId) ?? null
  const [loop, setLoop] = useState(false)
  const loopRange = useMemo(
    () => (loop && selected ? { start: selected.start, end: selected.end } : null),
    [loop, selected],
  )
  const playback = useVideoPlayback(videoRef, loopRange, item.metadata.durationSeconds ?? 0)
  const { time, duration } = playback

  const [inPoint, setInPoint] = useState<number | null>(null)
  const [outPoint, setOutPoint] = useState<number | null>(null)
  const [pendingDraft, setPendingDraft] = useState({ label: '', note: '' })
  const [pendingError, setPendingError] = useState<string | null>(null)
  const [savingPending, setSavingPending] = useState(false)
  const pending =
    inPoint !== null && outPoint !== null && outPoint > inPoint
      ? { start: inPoint, end: outPoint }
      : null

  const [gotoText, setGotoText] = useState('')
  const [gotoInvalid, setGotoInvalid] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [capturing, setCapturing] = useState(false)
  const [zoomedFrameId, setZoomedFrameId] = useState<string | null>(null)
  const [fileCheck, setFileCheck] = useState<FileCheck | null>(null)

  // Why the video failed: a missing or changed file is told apart from one that cannot be decoded.
  const errorCode = playback.error?.code ?? null
  useEffect(() => {
    if (errorCode === null) return
    let live = true
    void call('evidence:checks', {}).then((r) => {
      if (live && r.ok) setFileCheck(r.value.find((c) => c.itemId === item.id) ?? null)
    })
    return () => {
      live = false
    }
  }, [errorCode, item.id])

  // A segment opened from elsewhere (e.g. a claim's evidence list) is shown from its start.
  const segmentsRef = useRef(item.segments)
  useEffect(() => {
    segmentsRef.current = item.segments
  }, [item.segments])
  useEffect(() => {
    const video = videoRef.current
    if (!video || !focusSegmentId) return
    const go = () => {
      const segment = segmentsRef.current.find((s) => s.id === focusSegmentId)
      if (segment) video.currentTime = segment.start
    }
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) go()
    else video.addEventListener('loadedmetadata', go, { once: true })
    return () => video.removeEventListener('loadedmetadata', go)
  }, [focusSegmentId])

  const seek = (to: number) => {
    const video = videoRef.current
    if (video) video.currentTime = clampTime(to, duration)
  }
  const togglePlay = () => {
    const video = videoRef.current
    if (!video || playback.error) return
    if (video.paused) void video.play().catch(() => undefined)
    else video.pause()
  }
  const stepFrames = (delta: number) => {
    const video = videoRef.current
    if (!video) return
    video.pause()
    video.currentTime = frameStepTarget(video.currentTime, fps, delta, duration)
  }
  const seekBy = (seconds: number) => {
    const video = videoRef.current
    if (video) seek(video.currentTime + seconds)
  }
  const selectSegment = (segment: Segment) => {
    setSelectedId(segment.id)
    seek(segment.start)
  }

  const setIn = () => {
    const at = videoRef.current?.currentTime ?? time
    setInPoint(at)
    if (outPoint !== null && outPoint <= at) setOutPoint(null)
    setPendingError(null)
    setAnnouncement(t('player.inPointAt', { time: formatTimeCode(at) }))
  }
  const setOut = () => {
    const at = videoRef.current?.currentTime ?? time
    if (inPoint !== null && at <= inPoint) {
      setAnnouncement(t('player.outBeforeIn', { time: formatTimeCode(inPoint) }))
      notify.error(t('player.outBeforeIn', { time: formatTimeCode(inPoint) }))
      return
    }
    setOutPoint(at)
    setPendingError(null)
    setAnnouncement(t('player.outPointAt', { time: formatTimeCode(at) }))
  }
  const clearPending = () => {
    setInPoint(null)
    setOutPoint(null)
    setPendingDraft({ label: '', note: '' })
    setPendingError(null)
    setAnnouncement(t('player.pendingCleared'))
  }
  const savePending = async () => {
    if (!pending || savingPending) return
    setSavingPending(true)
    const result = await mutate('evidence:addSegment', {
      itemId: item.id,
      start: pending.start,
      end: pending.end,
      label: pendingDraft.label.trim(),
      note: pendingDraft.note,
      claimLinks: [],
    })
    setSavingPending(false)
    if (!result.ok) {
      setPendingError(result.error.message)
      return
    }
    setSelectedId(result.value.id)
    setInPoint(null)
    setOutPoint(null)
    setPendingDraft({ label: '', note: '' })
    setAnnouncement(
      t('player.segmentSaved', { label: result.value.label || t('player.segment.untitled') }),
    )
  }

  const resize = async (segment: Segment, range: TimeRange) => {
    // Shown (and nudged from) at once; dropped when the snapshot's segment changes or on failure.
    const base = item.segments.find((s) => s.id === segment.id)?.updatedAt ?? ''
    const entry = { segment: { ...segment, ...range }, base }
    setSaved((all) => new Map(all).set(segment.id, entry))
    const result = await mutate('evidence:updateSegment', {
      itemId: item.id,
      id: segment.id,
      start: range.start,
      end: range.end,
    })
    if (!result.ok)
      setSaved((all) => {
        if (all.get(segment.id) !== entry) return all
        const next = new Map(all)
        next.delete(segment.id)
        return next
      })
    return result.ok
  }
  /** Alt+←/→ moves the selected segment's in-point by a frame, with Shift its out-point. */
  const nudge = (edge: 'start' | 'end', delta: number) => {
    if (!selected) return
    const frame = 1 / fps
    const range =
      edge === 'start'
        ? {
            start: Math.max(
              0,
              Math.min(snapToFrame(selected.start + delta * frame, fps), selected.end - frame),
            ),
            end: selected.end,
          }
        : {
            start: selected.start,
            end: Math.max(
              selected.start + frame,
              Math.min(snapToFrame(selected.end + delta * frame, fps), duration || Infinity),
            ),
          }
    if (range.start !== selected.start || range.end !== selected.end) void resize(selected, range)
  }

  const capture = async () => {
    const video = videoRef.current
    if (!video || capturing || playback.error || video.videoWidth === 0) return
    setCapturing(true)
    try {
      await settleFrame(video)
      const at = video.currentTime
      const pngBase64 = await framePngBase64(video)
      // The frame illustrates the selected segment if it shows part of it, else the one it is in.
      const inside = (s: Segment) => s.start <= at && at <= s.end
      const segment = selected && inside(selected) ? selected : segments.find(inside)
      const result = await mutate('evidence:captureFrame', {
        itemId: item.id,
        time: at,
        segmentId: segment?.id ?? null,
        pngBase64,
      })
      if (result.ok) {
        const message = t('player.captured', { time: formatTimeCode(at) })
        setAnnouncement(message)
        notify.info(message)
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      notify.error(t('player.captureFailed', { file: fileName, detail }))
    } finally {
      setCapturing(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey) return
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    // Space and Enter keep their meaning on the player's own buttons.
    const onButton = event.target instanceof HTMLElement && event.target.closest('button, label')
    if (onButton && (key === ' ' || key === 'Enter')) return
    const actions: Record<string, (() => void) | undefined> = {
      ' ': togglePlay,
      k: togglePlay,
      j: () => seekBy(event.shiftKey ? -5 : -1),
      l: () => seekBy(event.shiftKey ? 5 : 1),
      ArrowLeft: () =>
        event.altKey
          ? nudge(event.shiftKey ? 'end' : 'start', -1)
          : event.shiftKey
            ? seekBy(-1)
            : stepFrames(-1),
      ArrowRight: () =>
        event.altKey
          ? nudge(event.shiftKey ? 'end' : 'start', 1)
          : event.shiftKey
            ? seekBy(1)
            : stepFrames(1),
      i: setIn,
      o: setOut,
      c: () => void capture(),
      Escape: inPoint !== null || outPoint !== null ? clearPending : undefined,
      Enter: pending ? () => void savePending() : undefined,
    }
    const action = actions[key]
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    action()
  }

  const src = evidenceUrl(window.claimdesk.mediaBaseUrl, item.id, item.file.sha256)
  const frameNumber = frameIndexAt(time, fps)
  const errorText = playback.error ? describeError(playback.error, fileCheck) : null
  function describeError(error: { code: number; message: string }, check: FileCheck | null) {
    const detail = error.message || t('player.error.noDetail')
    // The browser's own words ("Format error") would mislead when the file is simply gone.
    if (check?.state === 'missing') return t('player.error.missing', { file: fileName })
    if (check?.state === 'changed') return t('player.error.changed', { file: fileName })
    if (error.code === 1) return t('player.error.aborted', { file: fileName, detail })
    if (error.code === 2) return t('player.error.network', { file: fileName, detail })
    if (error.code === 3) return t('player.error.decode', { file: fileName, detail })
    return t('player.error.unsupported', { file: fileName, detail })
  }

  return (
    <div className="video-workbench">
      <div
        className="player-area"
        role="region"
        tabIndex={0}
        aria-label={t('player.areaLabel', { file: fileName })}
        aria-describedby={`${id}-help`}
        aria-keyshortcuts="Space K J L ArrowLeft ArrowRight I O C Escape"
        onKeyDown={onKeyDown}
      >
        <div className="player-stage">
          <video
            ref={videoRef}
            src={src}
            crossOrigin="anonymous"
            preload="auto"
            playsInline
            onClick={togglePlay}
          />
          {errorText && (
            <div className="player-error" role="alert">
              <strong>{t('player.error.title')}</strong>
              <p>{errorText}</p>
            </div>
          )}
        </div>
        <div className="player-controls">
          <button
            type="button"
            className="player-play"
            onClick={togglePlay}
            disabled={!!playback.error}
            aria-keyshortcuts="Space K"
          >
            {playback.paused ? `▶ ${t('player.play')}` : `❚❚ ${t('player.pause')}`}
          </button>
          <button
            type="button"
            onClick={() => stepFrames(-1)}
            disabled={!!playback.error}
            aria-label={t('player.previousFrame')}
            title={t('player.previousFrame')}
            aria-keyshortcuts="ArrowLeft"
          >
            ◀︎|
          </button>
          <button
            type="button"
            onClick={() => stepFrames(1)}
            disabled={!!playback.error}
            aria-label={t('player.nextFrame')}
            title={t('player.nextFrame')}
            aria-keyshortcuts="ArrowRight"
          >
            |▶︎
          </button>
          <span className="player-time">
            <span data-testid="player-time">{formatTimeCode(time)}</span>
            <span className="player-frame muted" data-testid="player-frame">
              {t('player.frameNumber', { frame: frameNumber })}
            </span>
          </span>
          <form
            className="player-goto"
            onSubmit={(e) => {
              e.preventDefault()
              const to = parseTimeCode(gotoText)
              setGotoInvalid(to === null)
              if (to !== null) seek(to)
            }}
          >
            <label htmlFor={`${id}-goto`}>{t('player.goToShort')}</label>
            <input
              id={`${id}-goto`}
              value={gotoText}
              onChange={(e) => {
                setGotoText(e.target.value)
                setGotoInvalid(false)
              }}
              aria-label={t('player.goTo')}
              aria-invalid={gotoInvalid}
              aria-describedby={gotoInvalid ? `${id}-goto-error` : undefined}
              placeholder={t('player.goToPlaceholder')}
              title={t('player.goToHint')}
            />
            {gotoInvalid && (
              <span id={`${id}-goto-error`} className="player-goto-error small" role="alert">
                {t('player.goToInvalid')}
              </span>
            )}
          </form>
          <label className="player-speed">
            <span>{t('player.speed')}</span>
            <select
              value={playback.rate}
              onChange={(e) => {
                if (videoRef.current) videoRef.current.playbackRate = Number(e.target.value)
              }}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {t('player.speedValue', { speed: s })}
                </option>
              ))}
            </select>
          </label>
          <label className="player-loop" title={selected ? undefined : t('player.loopHint')}>
            <input
              type="checkbox"
              checked={loop}
              disabled={!selected}
              onChange={(e) => setLoop(e.target.checked)}
            />{' '}
            {t('player.loop')}
          </label>
          <button
            type="button"
            aria-pressed={playback.muted}
            onClick={() => {
              if (videoRef.current) videoRef.current.muted = !videoRef.current.muted
            }}
          >
            {t('player.mute')}
          </button>
        </div>
        <Timeline
          duration={duration}
          time={time}
          fps={fps}
          segments={segments}
          selectedId={selected?.id ?? null}
          inPoint={inPoint}
          outPoint={outPoint}
          onSeek={seek}
          onSelect={selectSegment}
          onResize={resize}
        />
        <div className="player-marking">
          <button type="button" onClick={setIn} aria-keyshortcuts="I">
            {t('player.setIn')}
          </button>
          <button type="button" onClick={setOut} aria-keyshortcuts="O">
            {t('player.setOut')}
          </button>
          <span className="player-points small muted">
            {inPoint !== null && t('player.inPointAt', { time: formatTimeCode(inPoint) })}
            {inPoint !== null && outPoint !== null && ' · '}
            {outPoint !== null && t('player.outPointAt', { time: formatTimeCode(outPoint) })}
          </span>
          <span className="spacer" />
          <button
            type="button"
            onClick={() => void capture()}
            disabled={capturing || !!playback.error || !playback.ready}
            aria-keyshortcuts="C"
          >
            {capturing ? t('player.capturing') : t('player.capture')}
          </button>
        </div>
        {pending && (
          <PendingSegmentForm
            start={pending.start}
            end={pending.end}
            label={pendingDraft.label}
            note={pendingDraft.note}
            busy={savingPending}
            error={pendingError}
            onChange={(draft) => setPendingDraft((d) => ({ ...d, ...draft }))}
            onSave={() => void savePending()}
            onCancel={clearPending}
          />
        )}
        <p id={`${id}-help`} className="player-help small muted">
          {t('player.shortcuts')}
        </p>
        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </div>
      </div>
      <div className="workbench-panels">
        <SegmentList
          item={item}
          claims={claims}
          selectedId={selected?.id ?? null}
          onSelect={selectSegment}
          onOpenClaim={onOpenClaim}
          onShowFrame={(frame) => setZoomedFrameId(frame.id)}
          onDeleted={(deletedId) => {
            if (deletedId === selectedId) {
              setSelectedId(null)
              setLoop(false)
            }
          }}
        />
        <FramesGallery
          item={item}
          zoomedId={zoomedFrameId}
          onZoom={setZoomedFrameId}
          onSeek={seek}
        />
      </div>
    </div>
  )
}
