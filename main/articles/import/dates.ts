/**
 * Publication dates as YYYY-MM-DD. Timestamps keep the calendar day they were written with
 * ("2024-11-05T00:30:00+01:00" is 5 November, although it is 4 November in UTC): that is the
 * day the outlet printed.
 */

const MONTHS: readonly (readonly string[])[] = [
  ['jan', 'januar', 'jän', 'январ', 'январь', 'січ', 'січня', 'січень'],
  ['feb', 'februar', 'феврал', 'лют', 'лютого', 'лютий'],
  ['mar', 'märz', 'maerz', 'мар', 'март', 'марта', 'берез'],
  ['apr', 'april', 'апрел', 'квіт'],
  ['may', 'mai', 'ма', 'мая', 'май', 'трав'],
  ['jun', 'juni', 'июн', 'черв'],
  ['jul', 'juli', 'июл', 'лип'],
  ['aug', 'august', 'август', 'серп'],
  ['sep', 'sept', 'september', 'сентябр', 'верес'],
  ['oct', 'okt', 'oktober', 'октябр', 'жовт'],
  ['nov', 'november', 'ноябр', 'листопад'],
  ['dec', 'dez', 'dezember', 'декабр', 'груд'],
]

/** 1–12 for an English, German, Russian or Ukrainian month name or abbreviation, else 0. */
function monthNumber(name: string): number {
  const word = name.toLowerCase().replace(/\.$/, '')
  if (word.length < 3) return 0
  for (let index = 0; index < MONTHS.length; index++) {
    const forms = MONTHS[index] ?? []
    if (forms.some((form) => form.length >= 2 && word.startsWith(form))) return index + 1
  }
  return 0
}

function formatDate(year: number, month: number, day: number): string {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return ''
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return ''
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * YYYY-MM-DD for the date forms found in metadata and front matter — ISO 8601 with or without
 * time, 2024/11/05, 20241105, 05.11.2024, "5 November 2024", "Nov 5, 2024", "5 ноября 2024" —
 * or '' when the value is not a real date.
 */
export function normalizeDate(value: string): string {
  // Metadata values are short; a long one is not a date and must not cost regex time.
  const text = value.trim().slice(0, 100)
  if (text === '') return ''
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(text)
  if (match) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|\D)/.exec(text)
  if (match) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(text)
  if (match) return formatDate(Number(match[1]), Number(match[2]), Number(match[3]))
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\D)/.exec(text)
  if (match) return formatDate(Number(match[3]), Number(match[2]), Number(match[1]))
  // "Tue, 5 Nov 2024", "5. November 2024", "5 ноября 2024 г."
  match = /(?:^|[\s,])(\d{1,2})\.?\s+([\p{L}]+\.?),?\s+(\d{4})(?:$|\D)/u.exec(text)
  if (match) {
    const month = monthNumber(match[2] ?? '')
    if (month > 0) return formatDate(Number(match[3]), month, Number(match[1]))
  }
  // "November 5, 2024", "Nov. 5 2024"
  match = /(?:^|[\s,])([\p{L}]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:$|\D)/u.exec(text)
  if (match) {
    const month = monthNumber(match[1] ?? '')
    if (month > 0) return formatDate(Number(match[3]), month, Number(match[2]))
  }
  return ''
}
