import type { DbOrTrx } from '../database.js'
import { MAX_SPAN_MS } from './schedule.rules.js'
import type { AppointmentStatus, NewAppointment } from './schedule.table.js'

// What the schedule reads about an appointment and its patient. Named columns only: the
// reason is the one free text, and nothing here ever joins a medical table (323-ФЗ ст.13).
const APPOINTMENT_VIEW = [
  'appointments.id',
  'appointments.patient_id',
  'appointments.doctor_id',
  'appointments.chair_id',
  'appointments.starts_at',
  'appointments.ends_at',
  'appointments.status',
  'appointments.reason',
  'appointments.cancel_reason',
  'patients.surname',
  'patients.name',
  'patients.patronymic',
  'patients.card_number',
  'staff.full_name as doctor_name',
  'chairs.name as chair_name',
] as const

function viewQuery(db: DbOrTrx) {
  return db
    .selectFrom('appointments')
    .innerJoin('patients', 'patients.id', 'appointments.patient_id')
    .innerJoin('staff', 'staff.id', 'appointments.doctor_id')
    .innerJoin('chairs', 'chairs.id', 'appointments.chair_id')
    .select(APPOINTMENT_VIEW)
}

export type AppointmentView = NonNullable<Awaited<ReturnType<typeof findAppointmentById>>>

/** One appointment with its patient's name, doctor and chair, or undefined. */
export function findAppointmentById(db: DbOrTrx, id: number) {
  return viewQuery(db).where('appointments.id', '=', id).executeTakeFirst()
}

/** Appointments that overlap [from, to), in start order; optionally one doctor's. */
export function listAppointmentsInRange(
  db: DbOrTrx,
  from: string,
  to: string,
  opts: { doctorId?: number } = {},
) {
  let q = viewQuery(db)
    .where('appointments.starts_at', '<', to)
    .where('appointments.ends_at', '>', from)
    // Lets SQLite use the starts_at index from below too (no appointment is longer than this).
    .where('appointments.starts_at', '>=', new Date(Date.parse(from) - MAX_SPAN_MS).toISOString())
  if (opts.doctorId !== undefined) q = q.where('appointments.doctor_id', '=', opts.doctorId)
  return q.orderBy('appointments.starts_at').orderBy('appointments.id').execute()
}

/** What the day grid needs of an appointment: AppointmentView less the fields it never shows. */
export type DayAppointment = Omit<AppointmentView, 'patient_id' | 'cancel_reason'>

/**
 * The day grid's appointments overlapping [from, to), in start order, as
 * listAppointmentsInRange; the doctors' and chairs' names come from the lists the grid has
 * already read (converting two more Cyrillic strings per row was a quarter of this query's
 * time, bench). A doctor or chair missing from them (inactive since) is read by id.
 */
export async function listDayAppointments(
  db: DbOrTrx,
  from: string,
  to: string,
  known: {
    doctors: readonly { id: number; full_name: string }[]
    chairs: readonly { id: number; name: string }[]
  },
): Promise<DayAppointment[]> {
  const rows = await db
    .selectFrom('appointments')
    .innerJoin('patients', 'patients.id', 'appointments.patient_id')
    .select([
      'appointments.id',
      'appointments.doctor_id',
      'appointments.chair_id',
      'appointments.starts_at',
      'appointments.ends_at',
      'appointments.status',
      'appointments.reason',
      'patients.surname',
      'patients.name',
      'patients.patronymic',
      'patients.card_number',
    ])
    .where('appointments.starts_at', '<', to)
    .where('appointments.ends_at', '>', from)
    .where('appointments.starts_at', '>=', new Date(Date.parse(from) - MAX_SPAN_MS).toISOString())
    .orderBy('appointments.starts_at')
    .orderBy('appointments.id')
    .execute()
  const doctors = new Map(known.doctors.map((d) => [d.id, d.full_name]))
  const chairs = new Map(known.chairs.map((c) => [c.id, c.name]))
  // Named by id from its own table: someone inactive since, whom the lists leave out.
  const fill = async (
    ids: number[],
    names: Map<number, string>,
    load: (missing: number[]) => Promise<{ id: number; name: string }[]>,
  ) => {
    const missing = [...new Set(ids)].filter((id) => !names.has(id))
    if (missing.length > 0) for (const r of await load(missing)) names.set(r.id, r.name)
  }
  await fill(
    rows.map((r) => r.doctor_id),
    doctors,
    (ids) =>
      db.selectFrom('staff').select(['id', 'full_name as name']).where('id', 'in', ids).execute(),
  )
  await fill(
    rows.map((r) => r.chair_id),
    chairs,
    (ids) => db.selectFrom('chairs').select(['id', 'name']).where('id', 'in', ids).execute(),
  )
  const out: DayAppointment[] = []
  for (const r of rows) {
    const doctorName = doctors.get(r.doctor_id)
    const chairName = chairs.get(r.chair_id)
    // As the inner joins of the view query: no row without its doctor and chair.
    if (doctorName === undefined || chairName === undefined) continue
    // A literal of one shape rather than a spread: cheaper to build and to read (bench).
    out.push({
      id: r.id,
      doctor_id: r.doctor_id,
      chair_id: r.chair_id,
      starts_at: r.starts_at,
      ends_at: r.ends_at,
      status: r.status,
      reason: r.reason,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      card_number: r.card_number,
      doctor_name: doctorName,
      chair_name: chairName,
    })
  }
  return out
}

/** The bare row the service works on (status rules, overlap checks). */
export function findAppointmentRow(db: DbOrTrx, id: number) {
  return db
    .selectFrom('appointments')
    .select(['id', 'patient_id', 'doctor_id', 'chair_id', 'starts_at', 'ends_at', 'status'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Appointments that still occupy a doctor or a chair (`blocking` statuses) and overlap
 * [startsAt, endsAt): touching ends (09:00–09:30 and 09:30–10:00) do not overlap.
 */
export function findOverlaps(
  db: DbOrTrx,
  slot: { doctorId: number; chairId: number; startsAt: string; endsAt: string },
  blocking: readonly AppointmentStatus[],
  exceptId?: number,
) {
  let q = db
    .selectFrom('appointments')
    .innerJoin('chairs', 'chairs.id', 'appointments.chair_id')
    .select([
      'appointments.id',
      'appointments.doctor_id',
      'appointments.chair_id',
      'appointments.starts_at',
      'appointments.ends_at',
      'chairs.name as chair_name',
    ])
    .where('appointments.status', 'in', blocking)
    .where('appointments.starts_at', '<', slot.endsAt)
    .where('appointments.ends_at', '>', slot.startsAt)
    .where(
      'appointments.starts_at',
      '>=',
      new Date(Date.parse(slot.startsAt) - MAX_SPAN_MS).toISOString(),
    )
    .where((eb) =>
      eb.or([
        eb('appointments.doctor_id', '=', slot.doctorId),
        eb('appointments.chair_id', '=', slot.chairId),
      ]),
    )
  if (exceptId !== undefined) q = q.where('appointments.id', '!=', exceptId)
  return q.orderBy('appointments.starts_at').execute()
}

export async function insertAppointment(db: DbOrTrx, row: NewAppointment): Promise<number> {
  const r = await db
    .insertInto('appointments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function updateAppointment(
  db: DbOrTrx,
  id: number,
  patch: Partial<
    Pick<
      NewAppointment,
      'doctor_id' | 'chair_id' | 'starts_at' | 'ends_at' | 'status' | 'cancel_reason'
    >
  > & { updated_at: string },
): Promise<void> {
  await db.updateTable('appointments').set(patch).where('id', '=', id).execute()
}

export async function insertStatusChange(
  db: DbOrTrx,
  row: {
    appointment_id: number
    from_status: AppointmentStatus | null
    to_status: AppointmentStatus
    at: string
    staff_id: number | null
    device_id: number | null
  },
): Promise<void> {
  await db.insertInto('appointment_status_changes').values(row).execute()
}

/** The status history of an appointment, oldest first, with who changed it. */
export function listStatusChanges(db: DbOrTrx, appointmentId: number) {
  return db
    .selectFrom('appointment_status_changes')
    .leftJoin('staff', 'staff.id', 'appointment_status_changes.staff_id')
    .select([
      'appointment_status_changes.id',
      'appointment_status_changes.from_status',
      'appointment_status_changes.to_status',
      'appointment_status_changes.at',
      'staff.full_name as staff_name',
    ])
    .where('appointment_status_changes.appointment_id', '=', appointmentId)
    .orderBy('appointment_status_changes.id')
    .execute()
}

/**
 * A patient's visits for reception: when, with whom, status and reason; nothing clinical.
 * Newest first (upcoming visits on top), at most `limit` rows.
 */
export function listVisitsOfPatient(db: DbOrTrx, patientId: number, limit = 200) {
  return db
    .selectFrom('appointments')
    .innerJoin('staff', 'staff.id', 'appointments.doctor_id')
    .select([
      'appointments.id',
      'appointments.starts_at',
      'appointments.ends_at',
      'appointments.status',
      'appointments.reason',
      'staff.full_name as doctor_name',
    ])
    .where('appointments.patient_id', '=', patientId)
    .orderBy('appointments.starts_at', 'desc')
    .limit(limit)
    .execute()
}

export type Visit = Awaited<ReturnType<typeof listVisitsOfPatient>>[number]
