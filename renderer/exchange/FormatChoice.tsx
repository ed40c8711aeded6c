interface FormatChoiceProps<F extends string> {
  /** Unique per dialog (from useId): names the radio group and links labels and hints. */
  id: string
  legend: string
  formats: readonly F[]
  value: F
  onChange: (format: F) => void
  name: (format: F) => string
  hint: (format: F) => string
}

/** The standard-format dialogs' choice of format: one radio per format, its name and use. */
export function FormatChoice<F extends string>(props: FormatChoiceProps<F>) {
  const { id, legend, formats, value, onChange, name, hint } = props
  return (
    <fieldset className="exchange-formats">
      <legend>{legend}</legend>
      {formats.map((f) => (
        <label key={f} className={f === value ? 'exchange-format chosen' : 'exchange-format'}>
          <input
            type="radio"
            name={`${id}-format`}
            value={f}
            checked={f === value}
            aria-labelledby={`${id}-${f}-name`}
            aria-describedby={`${id}-${f}-hint`}
            onChange={() => onChange(f)}
          />
          <span className="exchange-format-text">
            <span id={`${id}-${f}-name`} className="exchange-format-name">
              {name(f)}
            </span>
            <small id={`${id}-${f}-hint`} className="muted">
              {hint(f)}
            </small>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
