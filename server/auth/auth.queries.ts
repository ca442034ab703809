import type { DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'

// Every request after sign-in looks its session up.
const sessionByTokenHash = prepared((db, p: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'sessions.id',
      'sessions.staff_id',
      'sessions.device_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_activity_at',
      'sessions.expires_at',
      'sessions.locked_at',
      'staff.login',
      'staff.full_name',
      'staff.role',
      'staff.locale',
      'staff.active',
      'staff.must_change_password',
    ])
    .where('sessions.token_hash', '=', p.tokenHash)
    .where('sessions.ended_at', 'is', null),
)

/** The live session for a cookie hash, joined with its staff member. */
export function findSessionByTokenHash(db: DbOrTrx, tokenHash: string) {
  return sessionByTokenHash.first(db, { tokenHash })
}

export async function insertSession(
  db: DbOrTrx,
  s: {
    token_hash: string
    staff_id: number
    device_id: number
    csrf_token: string
    created_at: string
    expires_at: string
  },
): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({ ...s, last_activity_at: s.created_at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function endSession(db: DbOrTrx, id: number, at: string, reason: string) {
  await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute()
}

/**
 * Ends every live session of a staff member (deactivation, password reset), or every one but
 * `exceptSessionId` (a password change keeps the session it was made in).
 */
export async function endSessionsOfStaff(
  db: DbOrTrx,
  staffId: number,
  at: string,
  reason: string,
  exceptSessionId?: number,
) {
  let q = db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('staff_id', '=', staffId)
    .where('ended_at', 'is', null)
  if (exceptSessionId !== undefined) q = q.where('id', '!=', exceptSessionId)
  await q.execute()
}

export async function setSessionActivity(db: DbOrTrx, id: number, at: string) {
  await db.updateTable('sessions').set({ last_activity_at: at }).where('id', '=', id).execute()
}

/** Locks or unlocks; locking also forgets the second factor (unlocking needs only a password). */
export async function setSessionLocked(
  db: DbOrTrx,
  id: number,
  lockedAt: string | null,
  at: string,
) {
  await db
    .updateTable('sessions')
    .set({
      locked_at: lockedAt,
      last_activity_at: at,
      ...(lockedAt !== null ? { totp_verified_at: null } : {}),
    })
    .where('id', '=', id)
    .execute()
}

export async function insertLoginFailure(
  db: DbOrTrx,
  loginKey: string,
  deviceId: number,
  at: string,
) {
  await db
    .insertInto('login_failures')
    .values({ login_key: loginKey, device_id: deviceId, at })
    .execute()
}

export async function clearLoginFailures(db: DbOrTrx, loginKey: string) {
  await db.deleteFrom('login_failures').where('login_key', '=', loginKey).execute()
}

/** Failures since `since` for this login, and for this device, with the latest time of each. */
export async function recentLoginFailures(
  db: DbOrTrx,
  loginKey: string,
  deviceId: number,
  since: string,
) {
  const byLogin = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('login_key', '=', loginKey)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
  const byDevice = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
    .where('device_id', '=', deviceId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
  return {
    login: { count: Number(byLogin.n), last: byLogin.last as string | null },
    device: { count: Number(byDevice.n), last: byDevice.last as string | null },
  }
}
