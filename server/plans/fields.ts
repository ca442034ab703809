// Small validators shared by the plan, price, ИДС and file forms. Each returns the clean value
// or undefined, and the route turns undefined into a field message (422, input kept).

// Control characters (other than tab and line breaks in multi-line text) and the Unicode
// bidi overrides that can make a printed name read differently from what is stored.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/
const LINE_BREAK = /[\r\n\t]/

/** One trimmed line of 1..max characters. */
export function oneLine(raw: string, max: number): string | undefined {
  const s = raw.trim()
  if (s.length === 0 || s.length > max || CONTROL.test(s) || LINE_BREAK.test(s)) return undefined
  return s
}

/** Like oneLine, but empty is allowed (and returned as ''). */
export function optionalLine(raw: string, max: number): string | undefined {
  return raw.trim() === '' ? '' : oneLine(raw, max)
}

/** Free text with line breaks, 1..max characters, \r\n normalised to \n. */
export function multiLine(raw: string, max: number): string | undefined {
  const s = raw.replace(/\r\n?/g, '\n').trim()
  if (s.length === 0 || s.length > max || CONTROL.test(s)) return undefined
  return s
}

/** A real calendar date "YYYY-MM-DD" between 1900 and 2100. */
export function isoDate(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  const ok = y >= 1900 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
  return ok ? m[0] : undefined
}

/** A positive id from a form field, or undefined. */
export function formId(raw: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(raw.trim())) return undefined
  const n = Number(raw.trim())
  return Number.isSafeInteger(n) ? n : undefined
}

/**
 * A calendar day "YYYY-MM-DD" for people ("01.05.2010"). Read as UTC on purpose: a date of
 * birth or a signing date is a day, not an instant, and must not shift with the time zone.
 */
export function formatDay(locale: 'ru' | 'en', day: string): string {
  const f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: 'UTC',
    dateStyle: 'short',
  })
  return f.format(new Date(`${day}T00:00:00Z`))
}
