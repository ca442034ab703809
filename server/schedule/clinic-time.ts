// Wall-clock dates and times in the clinic's time zone ↔ UTC instants. The schedule stores
// UTC (STYLE.md) but people book "Tuesday 09:15 in Moscow"; DST zones need the offset at that
// very instant, which Intl knows and Date alone does not.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const DAY_MS = 86_400_000

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** Minutes since midnight for "HH:MM", or undefined for anything else. */
export function parseTime(value: string): number | undefined {
  const m = TIME.exec(value)
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined
}

/** 555 → "09:15". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** "2026-11-29" plus n days, calendar arithmetic (no time zone involved). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
}

/** The Monday of the week holding this date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date))
}

const formats = new Map<string, Intl.DateTimeFormat>()

function partsIn(instant: number, timeZone: string) {
  let f = formats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formats.set(timeZone, f)
  }
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]))
}

// Instants whose UTC year has four digits: toISOString() writes their date as YYYY-MM-DD.
const FAST_FROM = Date.UTC(1000, 0, 1)
const FAST_TO = Date.UTC(10_000, 0, 1)

/** The clinic-local calendar date and minutes since midnight of a UTC instant. */
export function toClinic(iso: string | Date, timeZone: string): { date: string; minutes: number } {
  const instant = typeof iso === 'string' ? Date.parse(iso) : new Date(iso).getTime()
  // NaN (an invalid date) takes the slow path too, where formatToParts throws its RangeError.
  if (!(instant >= FAST_FROM && instant < FAST_TO)) {
    const p = partsIn(instant, timeZone)
    return {
      date: `${p.year}-${p.month}-${p.day}`,
      minutes: Number(p.hour) * 60 + Number(p.minute),
    }
  }
  const wall = instant + hourOffset(instant, timeZone)
  const day = Math.floor(wall / DAY_MS)
  return { date: dayString(day), minutes: Math.floor((wall - day * DAY_MS) / 60_000) }
}

// "YYYY-MM-DD" per day since the epoch: the day view asks for the same few days hundreds of
// times per page.
const dayStrings = new Map<number, string>()
function dayString(day: number): string {
  let s = dayStrings.get(day)
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10)
    if (dayStrings.size >= 10_000) dayStrings.clear()
    dayStrings.set(day, s)
  }
  return s
}

// The zone's offset per UTC hour: formatToParts twice per appointment was most of the day
// view's time (bench profile). An hour with a transition inside is never cached.
const offsets = new Map<string, Map<number, number>>()
let offsetCount = 0
function hourOffset(instant: number, timeZone: string): number {
  const hour = Math.floor(instant / 3_600_000)
  let zone = offsets.get(timeZone)
  if (!zone) offsets.set(timeZone, (zone = new Map()))
  let offset = zone.get(hour)
  if (offset === undefined) {
    offset = offsetAt(hour * 3_600_000, timeZone)
    if (offset !== offsetAt(hour * 3_600_000 + 3_599_000, timeZone)) {
      return offsetAt(instant, timeZone)
    }
    if (offsetCount >= 50_000) {
      offsets.clear()
      offsets.set(timeZone, (zone = new Map()))
      offsetCount = 0
    }
    zone.set(hour, offset)
    offsetCount++
  }
  return offset
}

/** Today's date at the clinic. */
export function clinicToday(now: Date, timeZone: string): string {
  return toClinic(now, timeZone).date
}

function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone)
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  )
  return wall - Math.floor(instant / 1000) * 1000
}

/**
 * The UTC instant of a clinic-local date and minutes since midnight (may exceed 24 h).
 * In a DST gap the wall time does not exist and the instant lands an hour later, as clocks do.
 */
export function fromClinic(date: string, minutes: number, timeZone: string): string {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000
  // Twice: the first guess uses the offset at the wrong instant, which differs across DST.
  let t = wall - offsetOf(wall, timeZone)
  t = wall - offsetOf(t, timeZone)
  return new Date(t).toISOString()
}

/** offsetAt, from the per-hour cache where toClinic would use it. */
function offsetOf(instant: number, timeZone: string): number {
  return instant >= FAST_FROM && instant < FAST_TO
    ? hourOffset(instant, timeZone)
    : offsetAt(instant, timeZone)
}

/** [start, end) in UTC of the clinic-local days from `date` for `days` days. */
export function clinicRange(date: string, days: number, timeZone: string) {
  return { from: fromClinic(date, 0, timeZone), to: fromClinic(addDays(date, days), 0, timeZone) }
}
