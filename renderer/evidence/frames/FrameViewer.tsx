import { type KeyboardEvent, type PointerEvent, type ReactNode, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fitScale, stepZoom, type Zoom } from './zoom'

export interface ViewerImage {
  src: string
  alt: string
  caption: ReactNode
}

interface Size {
  width: number
  height: number
}

/**
 * One frame, or two side by side, at a shared zoom level. Panes scroll together so the same
 * spot of both frames stays in view; drag with the mouse or scroll to pan.
 */
export function FrameViewer({ images }: { images: ViewerImage[] }) {
  const { t } = useTranslation()
  const [zoom, setZoom] = useState<Zoom>('fit')
  const [naturals, setNaturals] = useState<Array<Size | undefined>>([])
  const panes = useRef<Array<HTMLDivElement | null>>([])
  const pan = useRef<{ x: number; y: number; left: number; top: number } | null>(null)

  // The scale "fit" shows the first frame at, measured when it has loaded.
  const [fitted, setFitted] = useState(1)
  const scale = zoom === 'fit' ? fitted : zoom
  const zoomBy = (direction: 1 | -1) => setZoom(stepZoom(scale, direction))

  const syncScroll = (from: number) => {
    const source = panes.current[from]
    if (!source) return
    panes.current.forEach((pane, i) => {
      if (!pane || i === from) return
      if (pane.scrollLeft !== source.scrollLeft) pane.scrollLeft = source.scrollLeft
      if (pane.scrollTop !== source.scrollTop) pane.scrollTop = source.scrollTop
    })
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      '0': () => setZoom(1),
      f: () => setZoom('fit'),
    }
    const action = actions[event.key]
    if (!action || event.target instanceof HTMLInputElement) return
    event.preventDefault()
    action()
  }
  const startPan = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || zoom === 'fit') return
    event.currentTarget.setPointerCapture(event.pointerId)
    pan.current = {
      x: event.clientX,
      y: event.clientY,
      left: event.currentTarget.scrollLeft,
      top: event.currentTarget.scrollTop,
    }
  }
  const movePan = (event: PointerEvent<HTMLDivElement>) => {
    const start = pan.current
    if (!start) return
    event.currentTarget.scrollLeft = start.left - (event.clientX - start.x)
    event.currentTarget.scrollTop = start.top - (event.clientY - start.y)
  }

  return (
    <div className="frame-viewer" onKeyDown={onKeyDown}>
      <div className="frame-viewer-toolbar" role="toolbar" aria-label={t('player.frames.zoom')}>
        <button type="button" onClick={() => zoomBy(-1)} aria-label={t('player.frames.zoomOut')}>
          −
        </button>
        <span className="frame-viewer-level" aria-live="polite">
          {t('player.frames.percent', { percent: Math.round(scale * 100) })}
        </span>
        <button type="button" onClick={() => zoomBy(1)} aria-label={t('player.frames.zoomIn')}>
          +
        </button>
        <button type="button" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
          {t('player.frames.actualSize')}
        </button>
        <button type="button" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}>
          {t('player.frames.fit')}
        </button>
        <span className="muted small">{t('player.frames.panHint')}</span>
      </div>
      <div className={`frame-viewer-panes count-${images.length}`}>
        {images.map((image, i) => {
          const natural = naturals[i]
          const style =
            zoom === 'fit' || !natural
              ? { maxWidth: '100%', maxHeight: '100%' }
              : { width: natural.width * zoom, height: natural.height * zoom, maxWidth: 'none' }
          return (
            <figure key={image.src} className="frame-viewer-figure">
              <div
                className={`frame-viewer-pane${zoom === 'fit' ? ' fit' : ''}${zoom !== 'fit' && zoom > 1 ? ' pixelated' : ''}`}
                ref={(el) => {
                  panes.current[i] = el
                }}
                onScroll={() => syncScroll(i)}
                onPointerDown={startPan}
                onPointerMove={movePan}
                onPointerUp={() => (pan.current = null)}
                onPointerCancel={() => (pan.current = null)}
                tabIndex={0}
                aria-label={image.alt}
              >
                <img
                  src={image.src}
                  alt={image.alt}
                  style={style}
                  draggable={false}
                  onLoad={(e) => {
                    const { naturalWidth: width, naturalHeight: height } = e.currentTarget
                    const pane = e.currentTarget.parentElement
                    if (i === 0 && pane)
                      setFitted(
                        fitScale(
                          { width, height },
                          { width: pane.clientWidth, height: pane.clientHeight },
                        ),
                      )
                    setNaturals((all) => {
                      const next = [...all]
                      next[i] = { width, height }
                      return next
                    })
                  }}
                />
              </div>
              <figcaption className="small">{image.caption}</figcaption>
            </figure>
          )
        })}
      </div>
    </div>
  )
}
