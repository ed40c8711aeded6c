import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Claim, type ClaimQuantity, QUALIFIERS } from '../../shared/model/claim'
import { formatQuantity } from '../../shared/quantities'
import { useMutation } from '../app/useMutation'
import { readNumber, toQuantity, writeNumber } from './claim-helpers'

type Qualifier = ClaimQuantity['qualifier']

/** A figure as typed: numbers stay text until saved, so half-typed input is kept. */
interface Row {
  key: number
  value: string
  upper: string
  qualifier: Qualifier
  unit: string
  text: string
}

const toRow = (q: ClaimQuantity, key: number, locale: 'de' | 'en'): Row => ({
  key,
  value: writeNumber(q.value, locale),
  upper: q.upper === null ? '' : writeNumber(q.upper, locale),
  qualifier: q.qualifier,
  unit: q.unit,
  text: q.text,
})

interface RowCheck {
  value: number | null
  upper: number | null
  valueError: string | null
  upperError: string | null
}

/** The claim's figures: value, upper bound, qualifier and unit, editable; detect from the statement. */
export function QuantityEditor({
  claim,
  statement,
  language,
}: {
  claim: Claim
  /** The statement as currently typed (detection reads it). */
  statement: string
  /** The language of the article the claim was first seen in, as a hint for number formats. */
  language: string
}) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de' : 'en'
  const mutate = useMutation()
  const id = useId()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [detected, setDetected] = useState<number | null>(null)
  const editing = rows !== null
  const shown = rows ?? claim.quantities.map((q, i) => toRow(q, i, locale))

  const check = (row: Row): RowCheck => {
    const value = readNumber(row.value, locale)
    const upper = row.qualifier === 'range' ? readNumber(row.upper, locale) : null
    return {
      value,
      upper,
      valueError: value === null ? t('claims.figureNeedsValue') : null,
      upperError:
        row.qualifier !== 'range'
          ? null
          : upper === null
            ? t('claims.figureNeedsUpper')
            : value !== null && upper < value
              ? t('claims.figureUpperBelow')
              : null,
    }
  }
  const checks = shown.map(check)
  const valid = checks.every((c) => c.valueError === null && c.upperError === null)

  const update = (key: number, patch: Partial<Row>) =>
    setRows(shown.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const remove = (key: number) => setRows(shown.filter((r) => r.key !== key))
  const add = () =>
    setRows([
      ...shown,
      {
        key: Math.max(-1, ...shown.map((r) => r.key)) + 1,
        value: '',
        upper: '',
        qualifier: 'exactly',
        unit: '',
        text: '',
      },
    ])

  const detect = async () => {
    setBusy(true)
    const found = await mutate('claims:parseQuantities', { text: statement, language })
    setBusy(false)
    if (!found.ok) return
    setRows(found.value.map((q, i) => toRow(q, i, locale)))
    setDetected(found.value.length)
  }

  const save = async () => {
    if (!valid) return
    const quantities: ClaimQuantity[] = shown.map((row, i) => ({
      value: checks[i]?.value ?? 0,
      upper: row.qualifier === 'range' ? (checks[i]?.upper ?? null) : null,
      qualifier: row.qualifier,
      unit: row.unit.trim().toLocaleLowerCase(),
      text: row.text.slice(0, 300),
    }))
    setBusy(true)
    const saved = await mutate('claims:update', { id: claim.id, quantities })
    setBusy(false)
    if (saved.ok) {
      setRows(null)
      setDetected(null)
    }
  }

  const preview = (row: Row, c: RowCheck) =>
    c.value === null
      ? ''
      : formatQuantity(
          toQuantity({
            value: c.value,
            upper: c.upper,
            qualifier: row.qualifier,
            unit: row.unit.trim().toLocaleLowerCase(),
            text: row.text,
          }),
          locale,
          'words',
        )

  return (
    <section className="claim-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('claims.figures')}</h3>
      {shown.length === 0 ? (
        <p className="muted small">{t('claims.noFigures')}</p>
      ) : (
        <ul className="quantity-list">
          {shown.map((row, i) => {
            const c = checks[i] ?? check(row)
            const rowId = `${id}-${row.key}`
            const label = preview(row, c) || t('claims.figureNumber', { number: i + 1 })
            return (
              <li key={row.key} className="quantity-row">
                <div className="quantity-fields" role="group" aria-label={label}>
                  <span className="quantity-field">
                    <label htmlFor={`${rowId}-qualifier`}>{t('claims.figureQualifier')}</label>
                    <select
                      id={`${rowId}-qualifier`}
                      value={row.qualifier}
                      onChange={(e) => update(row.key, { qualifier: e.target.value as Qualifier })}
                    >
                      {QUALIFIERS.map((q) => (
                        <option key={q} value={q}>
                          {t(`claims.qualifier.${q}`)}
                        </option>
                      ))}
                    </select>
                  </span>
                  <span className="quantity-field">
                    <label htmlFor={`${rowId}-value`}>
                      {row.qualifier === 'range' ? t('claims.figureFrom') : t('claims.figureValue')}
                    </label>
                    <input
                      id={`${rowId}-value`}
                      inputMode="decimal"
                      value={row.value}
                      aria-invalid={c.valueError !== null && editing}
                      onChange={(e) => update(row.key, { value: e.target.value })}
                    />
                  </span>
                  {row.qualifier === 'range' && (
                    <span className="quantity-field">
                      <label htmlFor={`${rowId}-upper`}>{t('claims.figureTo')}</label>
                      <input
                        id={`${rowId}-upper`}
                        inputMode="decimal"
                        value={row.upper}
                        aria-invalid={c.upperError !== null && editing}
                        onChange={(e) => update(row.key, { upper: e.target.value })}
                      />
                    </span>
                  )}
                  <span className="quantity-field quantity-unit">
                    <label htmlFor={`${rowId}-unit`}>{t('claims.figureUnit')}</label>
                    <input
                      id={`${rowId}-unit`}
                      value={row.unit}
                      placeholder={t('claims.figureUnitPlaceholder')}
                      onChange={(e) => update(row.key, { unit: e.target.value })}
                    />
                  </span>
                  <button
                    type="button"
                    className="icon-button quantity-remove"
                    aria-label={t('claims.removeFigure', { figure: label })}
                    title={t('claims.removeFigure', { figure: label })}
                    onClick={() => remove(row.key)}
                  >
                    ×
                  </button>
                </div>
                <p className="quantity-preview small">
                  {preview(row, c) && <strong>{preview(row, c)}</strong>}
                  {row.text && (
                    <span className="muted"> {t('claims.figureFromText', { text: row.text })}</span>
                  )}
                  {editing && (c.valueError || c.upperError) && (
                    <span className="quantity-error"> {c.valueError ?? c.upperError}</span>
                  )}
                </p>
              </li>
            )
          })}
        </ul>
      )}
      {detected !== null && (
        <p className="small muted" role="status">
          {t('claims.figuresDetected', { count: detected })}
        </p>
      )}
      <div className="claim-actions">
        <button type="button" onClick={add}>
          {t('claims.addFigure')}
        </button>
        <button type="button" disabled={busy || !statement.trim()} onClick={() => void detect()}>
          {t('claims.detectFigures')}
        </button>
        {editing && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy || !valid}
              onClick={() => void save()}
            >
              {t('claims.saveFigures')}
            </button>
            <button
              type="button"
              onClick={() => {
                setRows(null)
                setDetected(null)
              }}
            >
              {t('claims.revert')}
            </button>
          </>
        )}
      </div>
    </section>
  )
}
