import type { DbOrTrx } from '../database.js'
import { formatMinutes, isoWeekday, toClinic } from './clinic-time.js'
import { listDaysOff, listWorkingHours } from './schedule.queries.js'
import type { Slot } from './schedule.service.js'

export type HoursWarning = 'day_off' | 'outside_hours'

/**
 * Whether a slot falls outside the doctor's known hours. A warning the receptionist confirms,
 * not a refusal: acute pain is squeezed in before or after hours by arrangement with the
 * doctor, and a hard rule would only push the desk into faking the hours. A doctor without
 * any hours set up yet (a new clinic) gets no warning at all.
 */
export async function hoursWarning(
  db: DbOrTrx,
  slot: Slot,
  timeZone: string,
): Promise<HoursWarning | undefined> {
  const start = toClinic(slot.startsAt, timeZone)
  const end = toClinic(slot.endsAt, timeZone)
  const off = await listDaysOff(db, start.date, start.date, { doctorId: slot.doctorId })
  if (off.length > 0) return 'day_off'
  const all = await listWorkingHours(db, { doctorId: slot.doctorId })
  if (all.length === 0) return undefined
  // Hours never cross midnight, so neither does a slot inside them.
  if (end.date !== start.date) return 'outside_hours'
  const from = formatMinutes(start.minutes)
  const to = formatMinutes(end.minutes)
  const weekday = isoWeekday(start.date)
  const inside = all.some((h) => h.weekday === weekday && h.starts <= from && h.ends >= to)
  return inside ? undefined : 'outside_hours'
}
