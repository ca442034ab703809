import type { DbOrTrx } from '../database.js'

/** What the second-factor check needs about a session and its owner, in one read. */
export function findSessionSecondFactor(db: DbOrTrx, sessionId: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select(['sessions.totp_verified_at', 'staff.totp_enabled'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst()
}

export async function setSessionTotpVerified(db: DbOrTrx, sessionId: number, at: string | null) {
  await db
    .updateTable('sessions')
    .set({ totp_verified_at: at })
    .where('id', '=', sessionId)
    .execute()
}

/** Forgets the second factor of every live session of a person (after they turn TOTP off). */
export async function clearTotpOfSessions(db: DbOrTrx, staffId: number) {
  await db
    .updateTable('sessions')
    .set({ totp_verified_at: null })
    .where('staff_id', '=', staffId)
    .where('ended_at', 'is', null)
    .execute()
}

/**
 * Records `step` as the last accepted time step, only if it is newer than the stored one:
 * one conditional UPDATE, so a code replayed concurrently can be accepted at most once.
 * @returns true when this call claimed the step.
 */
export async function claimTotpStep(db: DbOrTrx, staffId: number, step: number): Promise<boolean> {
  const res = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/**
 * The person's latest code checks, newest first. Bounded to their last 100 events (index
 * staff_id, id), so the check stays cheap however long the person's audit history is.
 */
export function recentTotpChecks(db: DbOrTrx, staffId: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('audit_events')
        .select(['id', 'at', 'action', 'outcome'])
        .where('staff_id', '=', staffId)
        .orderBy('id', 'desc')
        .limit(100)
        .as('recent'),
    )
    .select(['at', 'outcome'])
    .where('action', '=', 'auth.totp')
    .orderBy('id', 'desc')
    .execute()
}
