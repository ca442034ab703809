import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'

// The schedule's resources (doctors, chairs, hours, days off), the patient name it shows,
// and the per-day change counters that open terminals poll.

/** Active doctors, by name: the people one can book. */
export function listDoctors(db: DbOrTrx) {
  return db
    .selectFrom('staff')
    .select(['id', 'full_name'])
    .where('role', '=', 'doctor')
    .where('active', '=', 1)
    .orderBy('full_name')
    .orderBy('id')
    .execute()
}

export type Doctor = Awaited<ReturnType<typeof listDoctors>>[number]

export function findDoctor(db: DbOrTrx, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'full_name', 'active'])
    .where('id', '=', id)
    .where('role', '=', 'doctor')
    .executeTakeFirst()
}

export function listChairs(db: DbOrTrx, opts: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('chairs').select(['id', 'name', 'active'])
  if (opts.activeOnly) q = q.where('active', '=', 1)
  return q.orderBy('name').orderBy('id').execute()
}

export function findChair(db: DbOrTrx, id: number) {
  return db
    .selectFrom('chairs')
    .select(['id', 'name', 'active'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Working hours, optionally of one weekday, with the chair's name. */
export function listWorkingHours(db: DbOrTrx, opts: { weekday?: number; doctorId?: number } = {}) {
  let q = db
    .selectFrom('working_hours')
    .leftJoin('chairs', 'chairs.id', 'working_hours.chair_id')
    .select([
      'working_hours.id',
      'working_hours.doctor_id',
      'working_hours.weekday',
      'working_hours.starts',
      'working_hours.ends',
      'working_hours.chair_id',
      'chairs.name as chair_name',
    ])
  if (opts.weekday !== undefined) q = q.where('working_hours.weekday', '=', opts.weekday)
  if (opts.doctorId !== undefined) q = q.where('working_hours.doctor_id', '=', opts.doctorId)
  return q
    .orderBy('working_hours.doctor_id')
    .orderBy('working_hours.weekday')
    .orderBy('working_hours.starts')
    .execute()
}

export type HoursRow = Awaited<ReturnType<typeof listWorkingHours>>[number]

/**
 * Who has any working hours on any weekday (a doctor or chair without any has no known hours
 * at all): the distinct doctor and chair pairs, a few dozen rows however many weekdays.
 */
export async function listStaffedResources(
  db: DbOrTrx,
): Promise<{ doctors: Set<number>; chairs: Set<number> }> {
  const rows = await db
    .selectFrom('working_hours')
    .select(['doctor_id', 'chair_id'])
    .distinct()
    .execute()
  const doctors = new Set<number>()
  const chairs = new Set<number>()
  for (const r of rows) {
    doctors.add(r.doctor_id)
    if (r.chair_id !== null) chairs.add(r.chair_id)
  }
  return { doctors, chairs }
}

/** Days off between two clinic-local dates inclusive. */
export function listDaysOff(
  db: DbOrTrx,
  from: string,
  to: string,
  opts: { doctorId?: number } = {},
) {
  let q = db
    .selectFrom('days_off')
    .select(['id', 'doctor_id', 'date', 'reason'])
    .where('date', '>=', from)
    .where('date', '<=', to)
  if (opts.doctorId !== undefined) q = q.where('doctor_id', '=', opts.doctorId)
  return q.orderBy('date').orderBy('doctor_id').execute()
}

export type DayOffRow = Awaited<ReturnType<typeof listDaysOff>>[number]

/** The few personal fields the schedule shows of a patient (name, card), or undefined. */
export function findPatientBrief(db: DbOrTrx, id: number) {
  return db
    .selectFrom('patients')
    .select(['id', 'surname', 'name', 'patronymic', 'card_number', 'birth_date'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export type PatientBrief = NonNullable<Awaited<ReturnType<typeof findPatientBrief>>>

/** Marks days (clinic-local dates, or '*' for every day) as changed; call inside the change's transaction. */
export async function bumpScheduleVersion(db: DbOrTrx, days: readonly string[]): Promise<void> {
  for (const day of new Set(days)) {
    await db
      .insertInto('schedule_versions')
      .values({ day, version: 1 })
      .onConflict((oc) => oc.column('day').doUpdateSet({ version: sql`version + 1` }))
      .execute()
  }
}

/**
 * A number that grows whenever anything shown for these days changes: the sum of their
 * counters and the every-day counter (each only grows, so the sum does too).
 */
export async function readScheduleVersion(db: DbOrTrx, days: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('schedule_versions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('version'), sql<number>`0`).as('v'))
    .where('day', 'in', [...days, '*'])
    .executeTakeFirstOrThrow()
  return Number(row.v)
}

/** The counter the triggers bump whenever anything the day grid shows changes (T1200). */
export async function readDayGridVersion(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('view_versions')
    .select('version')
    .where('name', '=', 'schedule_day')
    .executeTakeFirstOrThrow()
  return row.version
}
