// Dates typed in the clinic's time zone → UTC instants (audit rows keep UTC, checklist 25).
// A day in Moscow starts at 21:00 UTC the day before; DST zones need the offset at that
// instant, which Intl knows and Date alone does not.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2026-11-29" → [2026, 11, 29] when it is a real calendar date, else undefined. */
export function parseIsoDate(value: string): [number, number, number] | undefined {
  const m = DATE.exec(value)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(Date.UTC(y, mo - 1, d))
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return undefined
  }
  return [y, mo, d]
}

const partsFormat = new Map<string, Intl.DateTimeFormat>()

/** Milliseconds to add to UTC to get the wall-clock time in this zone at this instant. */
function offsetAt(instant: number, timeZone: string): number {
  let f = partsFormat.get(timeZone)
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
    partsFormat.set(timeZone, f)
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]))
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
  return wall - Math.floor(instant / 1000) * 1000
}

/**
 * The UTC instant at which this calendar date begins in the zone.
 * @throws RangeError for a string that is not a real YYYY-MM-DD date.
 */
export function dayStartUtc(date: string, timeZone: string): Date {
  const ymd = parseIsoDate(date)
  if (!ymd) throw new RangeError(`not a date: ${date}`)
  const wall = Date.UTC(ymd[0], ymd[1] - 1, ymd[2])
  // Twice: the first guess uses the offset at UTC midnight, which differs across a DST change.
  let t = wall - offsetAt(wall, timeZone)
  t = wall - offsetAt(t, timeZone)
  return new Date(t)
}

/** [start, end) in UTC covering the dates from..to inclusive in the zone; either end open. */
export function utcRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {}
  if (from) out.from = dayStartUtc(from, timeZone).toISOString()
  if (to) {
    const ymd = parseIsoDate(to)
    if (!ymd) throw new RangeError(`not a date: ${to}`)
    const next = new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2] + 1)).toISOString().slice(0, 10)
    out.to = dayStartUtc(next, timeZone).toISOString()
  }
  return out
}
