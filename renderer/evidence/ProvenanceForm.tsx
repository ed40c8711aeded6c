import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceItem, Provenance } from '../../shared/model/evidence'
import type { Source } from '../../shared/model/source'
import { useMutation } from '../app/useMutation'
import { readNumber, writeNumber } from '../claims/claim-helpers'
import { DraftActions } from '../ui/DraftActions'
import { errorConcernsField } from '../ui/errors'
import { saveOnCtrlEnter } from '../ui/keyboard'
import type { AppError } from '../../shared/result'

/** Platforms offered as suggestions; any other name can be typed. */
const PLATFORMS = ['Telegram', 'X', 'YouTube', 'Facebook', 'Instagram', 'TikTok', 'VK', 'Website']

/** The form's fields as typed: coordinates stay text until saved. */
interface Fields {
  originalUrl: string
  platform: string
  publisherId: string
  publishedAt: string
  retrievedAt: string
  retrievedBy: string
  claimedPlace: string
  lat: string
  lon: string
  claimedDate: string
  verificationNotes: string
}
type FieldName = keyof Fields
const TEXT_FIELDS = [
  'originalUrl',
  'platform',
  'publishedAt',
  'retrievedAt',
  'retrievedBy',
  'claimedPlace',
  'claimedDate',
  'verificationNotes',
] as const satisfies readonly FieldName[]

function fieldsOf(p: Provenance, locale: 'de' | 'en'): Fields {
  return {
    originalUrl: p.originalUrl,
    platform: p.platform,
    publisherId: p.publisherId ?? '',
    publishedAt: p.publishedAt,
    retrievedAt: p.retrievedAt,
    retrievedBy: p.retrievedBy,
    claimedPlace: p.claimedPlace,
    lat: p.claimedCoordinates ? writeNumber(p.claimedCoordinates.lat, locale) : '',
    lon: p.claimedCoordinates ? writeNumber(p.claimedCoordinates.lon, locale) : '',
    claimedDate: p.claimedDate,
    verificationNotes: p.verificationNotes,
  }
}

/** Where the file came from and what is claimed about it: original URL, publisher, place, date. */
export function ProvenanceForm({
  item,
  sources,
}: {
  item: EvidenceItem
  sources: readonly Source[]
}) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de' : 'en'
  const mutate = useMutation()
  const id = useId()
  const saved = fieldsOf(item.provenance, locale)
  const [draft, setDraft] = useState<Partial<Fields>>({})
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const shown: Fields = { ...saved, ...draft }
  const dirty = (Object.keys(shown) as FieldName[]).some((k) => shown[k] !== saved[k])
  const set = (key: FieldName, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setError(null)
  }
  const sortedSources = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true })
    return [...sources].sort((a, b) => collator.compare(a.name, b.name))
  }, [sources, i18n.language])
  const publisherMissing =
    shown.publisherId !== '' && !sources.some((s) => s.id === shown.publisherId)

  /** Both coordinates or neither; each a number in its range. */
  const coordinates = ():
    | { ok: true; value: Provenance['claimedCoordinates'] }
    | { ok: false; message: string; field: 'lat' | 'lon' } => {
    const latText = shown.lat.trim()
    const lonText = shown.lon.trim()
    if (!latText && !lonText) return { ok: true, value: null }
    const lat = readNumber(latText, locale)
    const lon = readNumber(lonText, locale)
    if (lat === null || lat < -90 || lat > 90)
      return { ok: false, field: 'lat', message: t('evidence.provenance.latInvalid') }
    if (lon === null || lon < -180 || lon > 180)
      return { ok: false, field: 'lon', message: t('evidence.provenance.lonInvalid') }
    return { ok: true, value: { lat, lon } }
  }

  const save = async () => {
    if (!dirty) return
    const coords = coordinates()
    if (!coords.ok) {
      setError({ message: coords.message, field: coords.field })
      return
    }
    const changes: Record<string, unknown> = {}
    for (const key of TEXT_FIELDS) if (shown[key] !== saved[key]) changes[key] = shown[key].trim()
    if (shown.publisherId !== saved.publisherId) changes['publisherId'] = shown.publisherId || null
    if (shown.lat !== saved.lat || shown.lon !== saved.lon)
      changes['claimedCoordinates'] = coords.value
    setBusy(true)
    const result = await mutate('evidence:update', { id: item.id, provenance: changes })
    setBusy(false)
    if (result.ok) setDraft({})
    else if (result.error.code === 'invalid-input')
      setError({ message: result.error.message, field: blamedField(result.error) })
  }

  const invalid = (field: string) => error?.field === field

  const text = (field: (typeof TEXT_FIELDS)[number], type: 'text' | 'url' | 'date' = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`evidence.provenance.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        type={type}
        value={shown[field]}
        aria-invalid={invalid(field) || undefined}
        aria-describedby={invalid(field) ? `${id}-error` : undefined}
        list={field === 'platform' ? `${id}-platforms` : undefined}
        placeholder={
          field === 'originalUrl'
            ? 'https://'
            : field === 'platform'
              ? 'Telegram, X, YouTube…'
              : undefined
        }
        onChange={(e) => set(field, e.target.value)}
      />
    </div>
  )

  return (
    <form
      className="claim-section evidence-provenance"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
      onKeyDown={saveOnCtrlEnter(save)}
    >
      <h3 id={`${id}-title`}>{t('evidence.provenance.title')}</h3>
      <datalist id={`${id}-platforms`}>
        {PLATFORMS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      {text('originalUrl', 'url')}
      <div className="evidence-publisher-row">
        {text('platform')}
        <div className="field">
          <label htmlFor={`${id}-publisher`}>{t('evidence.provenance.publisher')}</label>
          <select
            id={`${id}-publisher`}
            value={shown.publisherId}
            aria-describedby={`${id}-publisher-hint`}
            onChange={(e) => set('publisherId', e.target.value)}
          >
            <option value="">{t('evidence.provenance.noPublisher')}</option>
            {publisherMissing && (
              <option value={shown.publisherId}>{t('evidence.provenance.missingPublisher')}</option>
            )}
            {sortedSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.reliability ? `${s.name} (${s.reliability})` : s.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-publisher-hint`} className="muted small evidence-hint">
        {t('evidence.provenance.publisherHint')}
      </p>
      <div className="field-grid">
        {text('publishedAt', 'date')}
        {text('retrievedAt', 'date')}
        {text('retrievedBy')}
      </div>
      {text('claimedPlace')}
      <div className="field-grid">
        <div className="field">
          <label htmlFor={`${id}-lat`}>{t('evidence.provenance.lat')}</label>
          <input
            id={`${id}-lat`}
            inputMode="decimal"
            value={shown.lat}
            placeholder={locale === 'de' ? '48,4647' : '48.4647'}
            aria-invalid={invalid('lat') || undefined}
            aria-describedby={invalid('lat') ? `${id}-error` : undefined}
            onChange={(e) => set('lat', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-lon`}>{t('evidence.provenance.lon')}</label>
          <input
            id={`${id}-lon`}
            inputMode="decimal"
            value={shown.lon}
            placeholder={locale === 'de' ? '35,0462' : '35.0462'}
            aria-invalid={invalid('lon') || undefined}
            aria-describedby={invalid('lon') ? `${id}-error` : undefined}
            onChange={(e) => set('lon', e.target.value)}
          />
        </div>
        {text('claimedDate', 'date')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t('evidence.provenance.verificationNotes')}</label>
        <textarea
          id={`${id}-notes`}
          rows={4}
          value={shown.verificationNotes}
          placeholder={t('evidence.provenance.notesPlaceholder')}
          onChange={(e) => set('verificationNotes', e.target.value)}
        />
      </div>
      {error && (
        <p className="form-error" role="alert" id={`${id}-error`}>
          {error.message}
        </p>
      )}
      <DraftActions
        saveLabel={t('evidence.provenance.save')}
        busy={busy}
        dirty={dirty}
        onRevert={() => {
          setDraft({})
          setError(null)
        }}
      />
    </form>
  )
}

/** The provenance field a rejected input blames ("provenance.originalUrl" → "originalUrl"). */
function blamedField(error: AppError): string | null {
  for (const field of [...TEXT_FIELDS, 'publisherId']) {
    if (errorConcernsField(error, `provenance.${field}`) || errorConcernsField(error, field))
      return field
  }
  return null
}
