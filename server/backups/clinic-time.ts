// Calendar arithmetic in the clinic's time zone (the drill runs at 03:00 clinic time, the
// full data check on the first drill of the clinic's month), with Intl only.

export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

export function localParts(at: Date, timeZone: string): LocalParts {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  const get = (type: string) => Number(f.formatToParts(at).find((p) => p.type === type)?.value)
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  }
}

/** The next instant after `now` when the clinic's wall clock shows `hour`:00. */
export function nextLocalHour(now: Date, timeZone: string, hour: number): Date {
  // Walk quarter hours: time zones are offset by whole quarters, and DST days still match.
  const step = 15 * 60_000
  let t = Math.floor(now.getTime() / step) * step + step
  for (let i = 0; i < 4 * 24 * 3; i++, t += step) {
    const p = localParts(new Date(t), timeZone)
    if (p.hour === hour && p.minute === 0) return new Date(t)
  }
  return new Date(now.getTime() + 24 * 3600_000)
}

/** ISO-8601 week number (1-53) of a calendar date. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const d = new Date(Date.UTC(year, month - 1, day))
  const weekday = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday)
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1)
  return {
    year: d.getUTCFullYear(),
    week: Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7),
  }
}

/** "2026-11" in the clinic's time zone. */
export function monthKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}`
}

/** "2026-W48" in the clinic's time zone. */
export function weekKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone)
  const w = isoWeek(p.year, p.month, p.day)
  return `${w.year}-W${w.week}`
}
