import { dayStartUtc, parseIsoDate } from '../audit/period.js'
import { addDays, clinicToday } from '../schedule/clinic-time.js'

// The analytics period: clinic-local calendar dates, both ends included. Months begin and end
// at local midnight (Moscow's 1 December starts at 21:00 UTC on 30 November), so every query
// either compares local dates (performed_on, paid_on, on_date, visit_date) or the UTC
// instants of those local midnights (appointments, plans).

/** The longest period one page shows: three years, the bench's depth of history. */
export const MAX_DAYS = 3 * 366

export interface Period {
  from: string
  to: string
}

export type PeriodInput = { month?: string; from?: string; to?: string }

export type PeriodResult =
  | { ok: true; period: Period; month?: string }
  | { ok: false; error: 'analytics.error.period' | 'analytics.error.too_long' }

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** "2026-11" → 1..30 November 2026; undefined for anything else. */
export function monthPeriod(month: string): Period | undefined {
  const m = MONTH.exec(month)
  if (!m) return undefined
  const [y, mo] = [Number(m[1]), Number(m[2])]
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/** The month holding a date, and the one n months away: "2026-11-29", -1 → "2026-10". */
export function monthOf(date: string, shift = 0): string {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))]
  const d = new Date(Date.UTC(y, m - 1 + shift, 1))
  return d.toISOString().slice(0, 7)
}

/**
 * Reads the period from the query string: `month=YYYY-MM`, or `from`/`to` dates, or (neither)
 * the current month at the clinic. Only dates ever travel in the URL: no patient data.
 */
export function parsePeriod(q: PeriodInput, now: Date, timeZone: string): PeriodResult {
  if (q.from || q.to) {
    const from = q.from ?? ''
    const to = q.to ?? ''
    if (!parseIsoDate(from) || !parseIsoDate(to) || from > to) {
      return { ok: false, error: 'analytics.error.period' }
    }
    if (from < addDays(to, -MAX_DAYS)) return { ok: false, error: 'analytics.error.too_long' }
    const month = monthPeriod(from.slice(0, 7))
    const whole = month && month.from === from && month.to === to
    return { ok: true, period: { from, to }, month: whole ? from.slice(0, 7) : undefined }
  }
  const month = q.month ?? monthOf(clinicToday(now, timeZone))
  const period = monthPeriod(month)
  return period ? { ok: true, period, month } : { ok: false, error: 'analytics.error.period' }
}

/** Every date of the period, in order. */
export function datesOf(p: Period): string[] {
  const out: string[] = []
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d)
  return out
}

/** The months the period touches, "YYYY-MM", in order. */
export function monthsOf(p: Period): string[] {
  const out: string[] = []
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = monthOf(`${m}-01`, 1)) out.push(m)
  return out
}

/**
 * The UTC instants at which each month of the period starts in the clinic (the first one at
 * the period's start), and the period's end (exclusive): SQL compares ISO strings against
 * them instead of converting every row's time zone.
 */
export function monthBounds(p: Period, timeZone: string) {
  const months = monthsOf(p).map((month, i) => ({
    month,
    from: dayStartUtc(i === 0 ? p.from : `${month}-01`, timeZone).toISOString(),
  }))
  return {
    months,
    end: dayStartUtc(addDays(p.to, 1), timeZone).toISOString(),
    offsetMinutes: fixedOffset(p, timeZone),
  }
}

/**
 * The zone's offset from UTC in minutes when it is the same on every day of the period
 * (Moscow: always +180), else undefined (a DST change inside). With a fixed offset SQL can
 * shift timestamps by it instead of comparing each row with every month's start.
 */
function fixedOffset(p: Period, timeZone: string): number | undefined {
  let offset: number | undefined
  for (let d = p.from; d <= addDays(p.to, 1); d = addDays(d, 1)) {
    const o = (Date.parse(`${d}T00:00:00Z`) - dayStartUtc(d, timeZone).getTime()) / 60_000
    if (offset !== undefined && o !== offset) return undefined
    offset = o
  }
  return offset
}

export type MonthBounds = ReturnType<typeof monthBounds>
