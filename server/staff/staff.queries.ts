import type { DbOrTrx } from '../database.js'
import type { NewStaff, Staff, StaffUpdate } from './staff.table.js'

export function findStaffById(db: DbOrTrx, id: number): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Logins compare case-insensitively (the column is COLLATE NOCASE). */
export function findStaffByLogin(db: DbOrTrx, login: string): Promise<Staff | undefined> {
  return db.selectFrom('staff').selectAll().where('login', '=', login).executeTakeFirst()
}

export async function insertStaff(db: DbOrTrx, staff: NewStaff): Promise<number> {
  const row = await db.insertInto('staff').values(staff).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateStaff(db: DbOrTrx, id: number, patch: StaffUpdate): Promise<void> {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute()
}

export function listStaff(db: DbOrTrx) {
  return db
    .selectFrom('staff')
    .select(['id', 'login', 'full_name', 'role', 'active', 'must_change_password', 'created_at'])
    .orderBy('full_name')
    .execute()
}

export async function countStaff(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
