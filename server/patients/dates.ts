import { isoDate } from './search-query.js'

/** Full years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * A date typed in a form: "YYYY-MM-DD" (what <input type=date> sends) or "дд.мм.гггг".
 * @returns YYYY-MM-DD of a real calendar date, or undefined.
 */
export function parseDateInput(value: string): string | undefined {
  const v = value.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v)
  if (ru) return isoDate(Number(ru[3]), Number(ru[2]), Number(ru[1]))
  return undefined
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
