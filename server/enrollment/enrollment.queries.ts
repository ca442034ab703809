import type { DbOrTrx } from '../database.js'
import type { Enrollment } from './enrollment.table.js'

export async function insertEnrollment(
  db: DbOrTrx,
  row: Omit<Enrollment, 'id' | 'failed_attempts' | 'downloaded_at' | 'closed_at'>,
): Promise<number> {
  const res = await db
    .insertInto('enrollments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return res.id
}

export function findEnrollmentByTokenHash(
  db: DbOrTrx,
  tokenHash: string,
): Promise<Enrollment | undefined> {
  return db
    .selectFrom('enrollments')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
}

/** Windows not closed yet (some may have expired without anyone noticing). */
export function listUnclosedEnrollments(
  db: DbOrTrx,
  filter: { deviceId?: number; expiredAt?: string } = {},
): Promise<Enrollment[]> {
  let query = db.selectFrom('enrollments').selectAll().where('closed_at', 'is', null)
  if (filter.deviceId !== undefined) query = query.where('device_id', '=', filter.deviceId)
  if (filter.expiredAt !== undefined) query = query.where('expires_at', '<=', filter.expiredAt)
  return query.orderBy('id').execute()
}

/** The open window of a device: not closed and not expired at `at`. */
export function findOpenEnrollment(
  db: DbOrTrx,
  deviceId: number,
  at: string,
): Promise<Enrollment | undefined> {
  return db
    .selectFrom('enrollments')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('closed_at', 'is', null)
    .where('expires_at', '>', at)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export async function countOpenEnrollments(db: DbOrTrx, at: string): Promise<number> {
  const row = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('closed_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Closes a window; false when it was already closed. */
export async function closeEnrollment(
  db: DbOrTrx,
  id: number,
  at: string,
  downloaded = false,
): Promise<boolean> {
  const res = await db
    .updateTable('enrollments')
    .set(downloaded ? { closed_at: at, downloaded_at: at } : { closed_at: at })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Counts one more wrong PIN; returns the new count. */
export async function addFailedAttempt(db: DbOrTrx, id: number): Promise<number> {
  const row = await db
    .updateTable('enrollments')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow()
  return row.failed_attempts
}
