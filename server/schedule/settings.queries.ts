import type { DbOrTrx } from '../database.js'

// Changes to chairs, working hours and days off (the schedule's settings page).

export function findChairByName(db: DbOrTrx, name: string) {
  return db.selectFrom('chairs').select(['id']).where('name', '=', name).executeTakeFirst()
}

export async function insertChair(db: DbOrTrx, name: string, at: string): Promise<number> {
  const r = await db
    .insertInto('chairs')
    .values({ name, active: 1, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function setChairActive(db: DbOrTrx, id: number, active: boolean): Promise<void> {
  await db
    .updateTable('chairs')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', id)
    .execute()
}

export function findWorkingHours(db: DbOrTrx, id: number) {
  return db
    .selectFrom('working_hours')
    .select(['id', 'doctor_id', 'weekday', 'starts', 'ends'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Hours of this doctor on this weekday that overlap [starts, ends) ("HH:MM" compare as text). */
export function findOverlappingHours(
  db: DbOrTrx,
  doctorId: number,
  weekday: number,
  starts: string,
  ends: string,
) {
  return db
    .selectFrom('working_hours')
    .select(['id', 'starts', 'ends'])
    .where('doctor_id', '=', doctorId)
    .where('weekday', '=', weekday)
    .where('starts', '<', ends)
    .where('ends', '>', starts)
    .executeTakeFirst()
}

export async function insertWorkingHours(
  db: DbOrTrx,
  row: {
    doctor_id: number
    weekday: number
    starts: string
    ends: string
    chair_id: number | null
    created_at: string
  },
): Promise<number> {
  const r = await db
    .insertInto('working_hours')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function deleteWorkingHours(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('working_hours').where('id', '=', id).execute()
}

export function findDayOff(db: DbOrTrx, id: number) {
  return db
    .selectFrom('days_off')
    .select(['id', 'doctor_id', 'date'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export function findDayOffOf(db: DbOrTrx, doctorId: number, date: string) {
  return db
    .selectFrom('days_off')
    .select(['id'])
    .where('doctor_id', '=', doctorId)
    .where('date', '=', date)
    .executeTakeFirst()
}

export async function insertDayOff(
  db: DbOrTrx,
  row: { doctor_id: number; date: string; reason: string | null; created_at: string },
): Promise<number> {
  const r = await db.insertInto('days_off').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function deleteDayOff(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('days_off').where('id', '=', id).execute()
}
