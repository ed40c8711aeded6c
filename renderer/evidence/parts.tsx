import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceItem, EvidenceKind, FileCheck } from '../../shared/model/evidence'
import { evidenceUrl, frameUrl } from '../../shared/media-urls'
import { posterFrameOf } from './evidence-helpers'

/** Where the media protocol answers; '' where there is none (then no pictures are shown). */
export function mediaBase(): string {
  return window.claimdesk.mediaBaseUrl ?? ''
}

/** A simple line icon for a kind of evidence (decorative: the kind is always written next to it). */
export function KindIcon({ kind }: { kind: EvidenceKind }) {
  return (
    <svg
      className={`evidence-kind-icon kind-icon-${kind}`}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      {kind === 'video' && (
        <>
          <rect x="2.5" y="6" width="13" height="12" rx="2" />
          <path d="M15.5 10.5 21.5 7v10l-6-3.5z" />
        </>
      )}
      {kind === 'image' && (
        <>
          <rect x="3" y="4.5" width="18" height="15" rx="2" />
          <circle cx="9" cy="10" r="1.8" />
          <path d="m3.5 18 5.5-5.5 4 4 2.5-2.5 5 4.5" />
        </>
      )}
      {kind === 'document' && (
        <>
          <path d="M6 2.5h8.5L19 7v14.5H6z" />
          <path d="M14.5 2.5V7H19M9 12h7M9 15h7M9 18h5" />
        </>
      )}
    </svg>
  )
}

/**
 * A small picture of the item: the image itself, a video's first captured frame, or the kind's
 * icon (also when the picture cannot be loaded, e.g. because the file is missing).
 */
export function EvidenceThumb({ item }: { item: EvidenceItem }) {
  const [failed, setFailed] = useState(false)
  const base = mediaBase()
  const poster = item.kind === 'video' ? posterFrameOf(item) : null
  const src = !base
    ? null
    : item.kind === 'image'
      ? evidenceUrl(base, item.id, item.file.sha256)
      : poster
        ? frameUrl(base, item.id, poster.id)
        : null
  return (
    <span className={`evidence-thumb evidence-thumb-${item.kind}`} aria-hidden="true">
      {src && !failed ? (
        <img src={src} alt="" loading="lazy" onError={() => setFailed(true)} />
      ) : (
        <KindIcon kind={item.kind} />
      )}
    </span>
  )
}

/** The state of an item's file: OK, changed, missing, or not checked yet in this session. */
export function FileStateBadge({ check }: { check: FileCheck | undefined }) {
  const { t } = useTranslation()
  const state = check?.state ?? 'unchecked'
  return (
    <span className={`file-state file-state-${state}`} title={check?.message || undefined}>
      <span aria-hidden="true">{t(`evidence.fileStateIcon.${state}`)} </span>
      {t(`evidence.fileState.${state}`)}
    </span>
  )
}
