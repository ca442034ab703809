import type { DbOrTrx } from '../database.js'
import type { CheckMode } from '../restic/maintenance.js'
import { listChecksSince } from './backups.queries.js'
import { localParts, isoWeek, monthKey, weekKey } from './clinic-time.js'

export type ReadDataChoice = 'auto' | 'full' | 'subset' | 'none'

/**
 * How much pack data this drill's `restic check` reads back (checklist 40):
 * - all of it on the first drill of the clinic's month (until one succeeds that month);
 * - else group N of 52 once per ISO week, N from the week number, so a year reads it all;
 * - else none: the structure check alone, which is quick.
 */
export async function chooseCheckMode(
  db: DbOrTrx,
  now: Date,
  timeZone: string,
  choice: ReadDataChoice = 'auto',
): Promise<CheckMode> {
  const p = localParts(now, timeZone)
  const n = ((isoWeek(p.year, p.month, p.day).week - 1) % 52) + 1
  if (choice === 'full') return { readData: 'full' }
  if (choice === 'subset') return { readData: 'subset', n, of: 52 }
  if (choice === 'none') return { readData: 'none' }
  const recent = await listChecksSince(db, new Date(now.getTime() - 40 * 86_400_000).toISOString())
  const parsed = recent.map((r) => ({
    at: new Date(r.started_at),
    readData: (JSON.parse(r.details) as { read_data?: string }).read_data,
  }))
  const month = monthKey(now, timeZone)
  const week = weekKey(now, timeZone)
  if (!parsed.some((c) => c.readData === 'full' && monthKey(c.at, timeZone) === month)) {
    return { readData: 'full' }
  }
  const readThisWeek = parsed.some((c) => c.readData !== 'none' && weekKey(c.at, timeZone) === week)
  return readThisWeek ? { readData: 'none' } : { readData: 'subset', n, of: 52 }
}

export function describeCheckMode(mode: CheckMode): string {
  if (mode.readData === 'subset') return `subset ${mode.n}/${mode.of}`
  return mode.readData
}
