import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { MergeChoice, MergeConflictView } from '../../shared/exchange-types'
import { fieldDifferences, formatValue, type ValueFormat, type ValueLine } from './field-diff'
import { formatDateTime } from './parts'

interface ConflictCardProps {
  conflict: MergeConflictView
  position: { n: number; count: number }
  choice: MergeChoice | undefined
  onChoose: (choice: MergeChoice) => void
  format: ValueFormat
  /** The first conflict takes the focus when the dialog opens. */
  autoFocus?: boolean
}

/**
 * One conflict: what it is, why it needs a choice, the fields in which the two versions differ
 * side by side (with when each was changed), and the choices this kind of entity allows.
 */
export function ConflictCard(props: ConflictCardProps) {
  const { conflict, position, choice, onChoose, format, autoFocus } = props
  const { t, i18n } = useTranslation()
  const id = useId()
  const differences = fieldDifferences(conflict.local, conflict.incoming)
  const when = (iso: string | null) =>
    iso
      ? t('sharing.merge.changedAt', { date: formatDateTime(iso, i18n.language, true) })
      : t('sharing.merge.unknownTime')
  const kind = i18n.exists(`sharing.kind.${conflict.kind}`)
    ? t(`sharing.kind.${conflict.kind}` as 'sharing.kind.claim')
    : conflict.kind
  const fieldLabel = (path: string[]) =>
    path.length === 0 ? t('sharing.merge.field') : path.map(format.field).join(' › ')

  return (
    <article
      className={choice ? 'conflict-card decided' : 'conflict-card'}
      aria-labelledby={`${id}-title`}
      data-conflict-key={conflict.key}
    >
      <header className="conflict-head">
        <span className="badge">{kind}</span>
        <h4 id={`${id}-title`} className="conflict-label">
          {conflict.label}
        </h4>
        <span className="muted small conflict-position">
          {t('sharing.merge.conflictOf', position)}
        </span>
      </header>
      <p className="muted small conflict-reason">{t(`sharing.merge.reason.${conflict.reason}`)}</p>
      {differences.length === 0 ? (
        <p className="small">{t('sharing.merge.onlyTime')}</p>
      ) : (
        <div className="conflict-table-wrap">
          <table className="conflict-table">
            <thead>
              <tr>
                <th scope="col">{t('sharing.merge.field')}</th>
                <th scope="col" className="conflict-mine">
                  {t('sharing.merge.mine')}
                  <span className="conflict-when">{when(conflict.localUpdatedAt)}</span>
                </th>
                <th scope="col" className="conflict-theirs">
                  {t('sharing.merge.theirs')}
                  <span className="conflict-when">{when(conflict.incomingUpdatedAt)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.path.join('.')}>
                  <th scope="row">{fieldLabel(d.path)}</th>
                  <td className="conflict-mine">
                    <Value lines={formatValue(d.local, d.incoming, format)} />
                  </td>
                  <td className="conflict-theirs">
                    <Value lines={formatValue(d.incoming, d.local, format)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <fieldset className="conflict-choices">
        <legend className="visually-hidden">
          {t('sharing.merge.choiceLegend', { label: conflict.label })}
        </legend>
        {conflict.choices.map((c, i) => (
          <label key={c} className={choice === c ? 'conflict-choice chosen' : 'conflict-choice'}>
            <input
              type="radio"
              name={`${id}-choice`}
              value={c}
              checked={choice === c}
              onChange={() => onChoose(c)}
              autoFocus={autoFocus && i === 0}
              aria-describedby={`${id}-${c}`}
            />
            <span>
              <strong>{t(`sharing.merge.choice.${c}`)}</strong>
              <span className="muted small" id={`${id}-${c}`}>
                {t(`sharing.merge.choiceHint.${c}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
    </article>
  )
}

function Value({ lines }: { lines: ValueLine[] }) {
  if (lines.length === 1) return <div className="conflict-value">{lines[0]?.text}</div>
  return (
    <ul className="conflict-value">
      {lines.map((line, i) => (
        <li key={i} className={line.same ? 'same' : undefined}>
          {line.text}
        </li>
      ))}
    </ul>
  )
}
