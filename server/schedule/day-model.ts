import type { DayAppointment } from './appointments.queries.js'
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
  appointments: readonly DayAppointment[]
}

export function toBlock(a: DayAppointment, date: string, tz: string): BlockView {
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

// Free and covered cells carry no data of their own: one shared object each instead of one
// per cell (20 doctors × 52 slots), which the views compare by kind only.
const FREE_OPEN: GridCell = Object.freeze({ kind: 'free', open: true })
const FREE_CLOSED: GridCell = Object.freeze({ kind: 'free', open: false })
const COVERED: GridCell = Object.freeze({ kind: 'covered' })

export function buildDay(input: DayInput): DayModel {
  const byDoctor = input.by === 'doctor'
  const blocks = input.appointments.map((a) => ({ a, b: toBlock(a, input.date, input.timeZone) }))
  const placed: typeof blocks = []
  const aside: BlockView[] = []
  let first = GRID_FROM_MINUTES
  let last = GRID_TO_MINUTES
  for (const x of blocks) {
    if (!BLOCKING.includes(x.a.status)) {
      aside.push(x.b)
      continue
    }
    placed.push(x)
    first = Math.min(first, Math.floor(x.b.from / 60) * 60)
    last = Math.max(last, Math.ceil(x.b.to / 60) * 60)
  }
  const slots: number[] = []
  for (let m = first; m < last; m += SLOT_MINUTES) slots.push(m)

  // Each column's appointments, in start order (the query's order), and hours.
  const placedOf = new Map<number, typeof placed>()
  for (const x of placed) {
    const key = byDoctor ? x.a.doctor_id : x.a.chair_id
    let list = placedOf.get(key)
    if (!list) placedOf.set(key, (list = []))
    list.push(x)
  }
  const hoursOf = new Map<number, { starts: number; ends: number }[]>()
  for (const h of input.hours) {
    const key = byDoctor ? h.doctor_id : h.chair_id
    if (key === null) continue
    let list = hoursOf.get(key)
    if (!list) hoursOf.set(key, (list = []))
    list.push({ starts: toMinutes(h.starts), ends: toMinutes(h.ends) })
  }
  const dayOffOf = new Map<number, DayOffRow>()
  if (byDoctor) {
    // The first row per doctor, as a find() over the list would pick.
    for (const d of input.daysOff) if (!dayOffOf.has(d.doctor_id)) dayOffOf.set(d.doctor_id, d)
  }

  const heads = byDoctor ? doctorHeads(input) : chairHeads(input)
  const withHours = byDoctor ? input.doctorsWithHours : input.chairsWithHours
  const columns = heads.map((head) => {
    const dayOff = dayOffOf.get(head.id)
    const hours = hoursOf.get(head.id) ?? []
    // No hours set up at all (a new clinic, a chair nobody is assigned to): nothing is shaded,
    // as nothing is warned about when booking.
    const known = withHours.has(head.id)
    const cells: GridCell[] = slots.map((m) =>
      !dayOff && (!known || hours.some((h) => h.starts <= m && m < h.ends))
        ? FREE_OPEN
        : FREE_CLOSED,
    )
    let cursor = 0
    for (const { b } of placedOf.get(head.id) ?? []) {
      const start = Math.floor((b.from - first) / SLOT_MINUTES)
      const end = Math.max(start + 1, Math.ceil((b.to - first) / SLOT_MINUTES))
      // Overlaps are refused when booking; should one exist anyway, list it rather than hide it.
      if (start < cursor) {
        aside.push(b)
        continue
      }
      cells[start] = { kind: 'block', rows: end - start, block: b }
      for (let i = start + 1; i < end; i++) cells[i] = COVERED
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
  const working = new Set(input.hours.map((h) => h.doctor_id))
  const off = new Set(input.daysOff.map((o) => o.doctor_id))
  const heads = input.doctors
    .filter(
      (d) =>
        !input.doctorsWithHours.has(d.id) || working.has(d.id) || off.has(d.id) || booked.has(d.id),
    )
    .map((d) => ({ id: d.id, label: d.full_name }))
  const shown = new Set(heads.map((h) => h.id))
  for (const [id, name] of booked) {
    if (!shown.has(id)) heads.push({ id, label: name })
  }
  return heads
}

function chairHeads(input: DayInput) {
  const booked = new Map(input.appointments.map((a) => [a.chair_id, a.chair_name]))
  const heads = input.chairs
    .filter((c) => c.active === 1 || booked.has(c.id))
    .map((c) => ({ id: c.id, label: c.name }))
  const shown = new Set(heads.map((h) => h.id))
  for (const [id, name] of booked) {
    if (!shown.has(id)) heads.push({ id, label: name })
  }
  return heads
}
