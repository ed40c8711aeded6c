/** Parts of evidence items that tests write straight into a registry. */
import { emptyMetadata, type EvidenceItem, type MediaMetadata } from '../../shared/model/evidence'
import {
  FIXTURE_CLIP_FPS,
  FIXTURE_CLIP_HEIGHT,
  FIXTURE_CLIP_SECONDS,
  FIXTURE_CLIP_WIDTH,
} from './media-fixtures'

/** What adding the fixture clip records about it (its container date left out). */
export const clipMetadata = (): MediaMetadata => ({
  ...emptyMetadata('MPEG-4'),
  codec: 'AVC',
  durationSeconds: FIXTURE_CLIP_SECONDS,
  width: FIXTURE_CLIP_WIDTH,
  height: FIXTURE_CLIP_HEIGHT,
  frameRate: FIXTURE_CLIP_FPS,
})

/** The file of a video copied into the project from `addedFrom` as clip.mp4. */
export const copiedClip = (
  path: string,
  addedFrom: string,
  content: { sha256: string; size: number },
): EvidenceItem['file'] => ({
  storage: 'copy',
  path,
  originalName: 'clip.mp4',
  addedFrom,
  sha256: content.sha256,
  size: content.size,
  mimeType: 'video/mp4',
})
