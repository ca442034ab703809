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

/** Everyone, for the owner's list: second-factor state and the last sign-in (one subquery). */
export function listStaffOverview(db: DbOrTrx) {
  return db
    .selectFrom('staff')
    .select((eb) => [
      'staff.id',
      'staff.login',
      'staff.full_name',
      'staff.role',
      'staff.active',
      'staff.totp_enabled',
      eb
        .selectFrom('sessions')
        .select((s) => s.fn.max('sessions.created_at').as('at'))
        .whereRef('sessions.staff_id', '=', 'staff.id')
        .as('last_login_at'),
    ])
    .orderBy('staff.active', 'desc')
    .orderBy('staff.full_name')
    .execute()
}

/** Active owners other than `exceptId`: the clinic must always keep at least one. */
export async function countOtherActiveOwners(db: DbOrTrx, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'owner')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
