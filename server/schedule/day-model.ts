import type { AppointmentView } from './appointments.queries.js'
import { toClinic } from './clinic-time.js'
import { BLOCKING, GRID_FROM_MINUTES, GRID_TO_MINUTES, SLOT_MINUTES } from './schedule.rules.js'
import type { DayOffRow, Doctor, HoursRow } from './schedule.queries.js'
import type { AppointmentStatus } from './schedule.table.js'

// Turns the day's rows into the grid the views draw: one column per doctor (or chair), one
// row per slot, each appointment a cell spanning its slots (a table rowspan: no inline
// styles under the CSP). Pure, so it is tested without a database.

export interface BlockView {
  id: number
  status: AppointmentStatus
  reason: string
  patient: { surname: string; name: string; patronymic: string | null; card_number: string }
  doctorName: string
  chairName: string
  /** Clinic-local minutes since the day's midnight, clipped to the day. */
  from: number
  to: number
}

export type GridCell =
  | { kind: 'free'; open: boolean }
  | { kind: 'block'; rows: number; block: BlockView }
  | { kind: 'covered' }

export interface GridColumn {
  id: number
  label: string
  dayOff?: { reason: string | null }
  cells: GridCell[]
}

export interface DayModel {
  date: string
  by: 'doctor' | 'chair'
  /** Start of each row, minutes since midnight. */
  slots: number[]
  columns: GridColumn[]
  /** Cancelled and no-show appointments, listed beside the grid (they free their slot). */
  aside: BlockView[]
}

export interface DayInput {
  date: string
  by: 'doctor' | 'chair'
  timeZone: string
  doctors: readonly Doctor[]
  chairs: readonly { id: number; name: string; active: number }[]
  /** Hours of this weekday. */
  hours: readonly HoursRow[]
  /** Doctors and chairs with any hours on any weekday: others have no known hours at all. */
  doctorsWithHours: ReadonlySet<number>
  chairsWithHours: ReadonlySet<number>
  daysOff: readonly DayOffRow[]
  appointments: readonly AppointmentView[]
}

export function toBlock(a: AppointmentView, date: string, tz: string): BlockView {
  const s = toClinic(a.starts_at, tz)
  const e = toClinic(a.ends_at, tz)
  return {
    id: a.id,
    status: a.status,
    reason: a.reason,
    patient: {
      surname: a.surname,
      name: a.name,
      patronymic: a.patronymic,
      card_number: a.card_number,
    },
    doctorName: a.doctor_name,
    chairName: a.chair_name,
    from: s.date < date ? 0 : s.minutes,
    to: e.date > date ? 24 * 60 : e.minutes,
  }
}

export function buildDay(input: DayInput): DayModel {
  const blocks = input.appointments.map((a) => ({ a, b: toBlock(a, input.date, input.timeZone) }))
  const placed = blocks.filter(({ a }) => BLOCKING.includes(a.status))
  const first = Math.min(GRID_FROM_MINUTES, ...placed.map(({ b }) => Math.floor(b.from / 60) * 60))
  const last = Math.max(GRID_TO_MINUTES, ...placed.map(({ b }) => Math.ceil(b.to / 60) * 60))
  const slots: number[] = []
  for (let m = first; m < last; m += SLOT_MINUTES) slots.push(m)

  const keyOf = (a: AppointmentView) => (input.by === 'doctor' ? a.doctor_id : a.chair_id)
  const heads = input.by === 'doctor' ? doctorHeads(input) : chairHeads(input)
  const aside = blocks.filter(({ a }) => !BLOCKING.includes(a.status)).map(({ b }) => b)
  const columns = heads.map((head) => {
    const dayOff =
      input.by === 'doctor' ? input.daysOff.find((d) => d.doctor_id === head.id) : undefined
    const hours = input.hours.filter((h) =>
      input.by === 'doctor' ? h.doctor_id === head.id : h.chair_id === head.id,
    )
    // No hours set up at all (a new clinic, a chair nobody is assigned to): nothing is shaded,
    // as nothing is warned about when booking.
    const known = (input.by === 'doctor' ? input.doctorsWithHours : input.chairsWithHours).has(
      head.id,
    )
    const open = (m: number) =>
      !dayOff && (!known || hours.some((h) => toMinutes(h.starts) <= m && m < toMinutes(h.ends)))
    const cells: GridCell[] = slots.map((m) => ({ kind: 'free', open: open(m) }))
    let cursor = 0
    for (const { a, b } of placed) {
      if (keyOf(a) !== head.id) continue
      const start = Math.floor((b.from - first) / SLOT_MINUTES)
      const end = Math.max(start + 1, Math.ceil((b.to - first) / SLOT_MINUTES))
      // Overlaps are refused when booking; should one exist anyway, list it rather than hide it.
      if (start < cursor) {
        aside.push(b)
        continue
      }
      cells[start] = { kind: 'block', rows: end - start, block: b }
      for (let i = start + 1; i < end; i++) cells[i] = { kind: 'covered' }
      cursor = end
    }
    return { id: head.id, label: head.label, dayOff: dayOff && { reason: dayOff.reason }, cells }
  })
  return { date: input.date, by: input.by, slots, columns, aside }
}

function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

/** Doctors known to work today, on leave today, or with appointments today (even if inactive now). */
function doctorHeads(input: DayInput) {
  const booked = new Map(input.appointments.map((a) => [a.doctor_id, a.doctor_name]))
  const heads = input.doctors
    .filter(
      (d) =>
        !input.doctorsWithHours.has(d.id) ||
        input.hours.some((h) => h.doctor_id === d.id) ||
        input.daysOff.some((o) => o.doctor_id === d.id) ||
        booked.has(d.id),
    )
    .map((d) => ({ id: d.id, label: d.full_name }))
  for (const [id, name] of booked) {
    if (!heads.some((h) => h.id === id)) heads.push({ id, label: name })
  }
  return heads
}

function chairHeads(input: DayInput) {
  const booked = new Map(input.appointments.map((a) => [a.chair_id, a.chair_name]))
  const heads = input.chairs
    .filter((c) => c.active === 1 || booked.has(c.id))
    .map((c) => ({ id: c.id, label: c.name }))
  for (const [id, name] of booked) {
    if (!heads.some((h) => h.id === id)) heads.push({ id, label: name })
  }
  return heads
}
