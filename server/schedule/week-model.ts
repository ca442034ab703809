import type { AppointmentView } from './appointments.queries.js'
import { addDays, toClinic } from './clinic-time.js'
import { toBlock, type BlockView } from './day-model.js'
import type { DayOffRow, Doctor } from './schedule.queries.js'

// The week: seven day columns of the same appointment blocks the day view draws.

export interface WeekDay {
  date: string
  /** Every appointment starting that day; cancelled and no-show ones are drawn struck through. */
  blocks: BlockView[]
  daysOff: { doctorName: string; reason: string | null }[]
}

export interface WeekModel {
  from: string
  days: WeekDay[]
}

export function buildWeek(input: {
  from: string
  timeZone: string
  doctors: readonly Doctor[]
  daysOff: readonly DayOffRow[]
  appointments: readonly AppointmentView[]
}): WeekModel {
  const names = new Map(input.doctors.map((d) => [d.id, d.full_name]))
  const days: WeekDay[] = []
  for (let i = 0; i < 7; i++) {
    const date = addDays(input.from, i)
    days.push({
      date,
      blocks: input.appointments
        .filter((a) => toClinic(a.starts_at, input.timeZone).date === date)
        .map((a) => toBlock(a, date, input.timeZone)),
      daysOff: input.daysOff
        .filter((o) => o.date === date)
        .map((o) => ({ doctorName: names.get(o.doctor_id) ?? '', reason: o.reason })),
    })
  }
  return { from: input.from, days }
}
