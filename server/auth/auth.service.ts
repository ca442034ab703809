import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db } from '../database.js'
import { randomToken, sha256Hex } from '../crypto/master-key.js'
import type { CurrentDevice, Services } from '../http/app-env.js'
import { findStaffByLogin, updateStaff } from '../staff/staff.queries.js'
import {
  clearLoginFailures,
  endSession,
  insertLoginFailure,
  insertSession,
  recentLoginFailures,
} from './auth.queries.js'
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './password.js'

/** Failures counted over this window; a lockout lasts until the window passes. */
export const FAILURE_WINDOW_MS = 30 * 60_000
/** From this many failures on a login, each further try must wait (15 s, doubling). */
export const THROTTLE_AFTER = 5
/** From this many failures on a login, it is locked for the window, even with the right password. */
export const LOCK_AFTER = 10
/** A terminal trying many logins (a spray) is throttled and then locked the same way. */
export const DEVICE_THROTTLE_AFTER = 20
export const DEVICE_LOCK_AFTER = 50

export type LoginResult =
  | { ok: true; token: string; sessionId: number; mustChangePassword: boolean }
  | { ok: false; reason: 'failed' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'locked' }

/** Logins are compared case-insensitively; failures are keyed the same way. */
export function loginKey(login: string): string {
  return login.trim().toLowerCase()
}

function waitFor(count: number, after: number, last: string | null, now: Date): number {
  if (count < after || !last) return 0
  const delay = 15_000 * 2 ** Math.min(count - after, 6)
  return Math.max(0, new Date(last).getTime() + delay - now.getTime())
}

/** Refusal before any password check, identical for unknown logins and real accounts. */
async function throttleState(db: Db, key: string, device: CurrentDevice, now: Date) {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()
  const f = await recentLoginFailures(db, key, device.id, since)
  if (f.login.count >= LOCK_AFTER || f.device.count >= DEVICE_LOCK_AFTER)
    return { locked: true as const }
  const wait = Math.max(
    waitFor(f.login.count, THROTTLE_AFTER, f.login.last, now),
    waitFor(f.device.count, DEVICE_THROTTLE_AFTER, f.device.last, now),
  )
  return wait > 0 ? { wait } : undefined
}

/**
 * Checks a login and password from a device and, on success, opens a session bound to it.
 * Every outcome is audited; an unknown login and a wrong password take the same path and time.
 */
export async function login(
  s: Services,
  device: CurrentDevice,
  input: { login: string; password: string },
): Promise<LoginResult> {
  const now = s.now()
  const at = now.toISOString()
  const key = loginKey(input.login)
  const actor: AuditActor = { staffId: null, deviceId: device.id, zone: device.zone }

  const throttle = await throttleState(s.db, key, device, now)
  if (throttle) {
    await recordAudit(s.db, s.keys.audit, actor, {
      action: 'auth.login',
      outcome: 'denied',
      details: { login: key, reason: 'locked' in throttle ? 'locked' : 'throttled' },
    })
    return 'locked' in throttle
      ? { ok: false, reason: 'locked' }
      : { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(throttle.wait / 1000) }
  }

  const staff = await findStaffByLogin(s.db, key)
  const valid = staff
    ? await verifyPassword(staff.password_hash, input.password)
    : await dummyVerify(input.password)
  if (!staff || !valid || staff.active !== 1) {
    await s.db.transaction().execute(async (trx) => {
      await insertLoginFailure(trx, key, device.id, at)
      if (staff) await updateStaff(trx, staff.id, { failed_logins: staff.failed_logins + 1 })
      await recordAudit(
        trx,
        s.keys.audit,
        { ...actor, staffId: staff?.id ?? null },
        {
          action: 'auth.login',
          outcome: 'failed',
          details: { login: key, reason: !staff ? 'unknown' : !valid ? 'password' : 'inactive' },
        },
      )
    })
    return { ok: false, reason: 'failed' }
  }

  // Rehash outside the transaction: argon2 is slow and SQLite has one writer.
  const rehash = needsRehash(staff.password_hash) ? await hashPassword(input.password) : undefined
  const token = randomToken(32)
  const sessionId = await s.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, key)
    await updateStaff(trx, staff.id, {
      failed_logins: 0,
      ...(rehash ? { password_hash: rehash, updated_at: at } : {}),
    })
    const id = await insertSession(trx, {
      token_hash: sha256Hex(token),
      staff_id: staff.id,
      device_id: device.id,
      csrf_token: randomToken(24),
      created_at: at,
      expires_at: new Date(now.getTime() + s.config.sessionMaxMs).toISOString(),
    })
    await recordAudit(
      trx,
      s.keys.audit,
      { ...actor, staffId: staff.id },
      {
        action: 'auth.login',
        details: { session: id, ...(rehash ? { rehashed: true } : {}) },
      },
    )
    return id
  })
  return { ok: true, token, sessionId, mustChangePassword: staff.must_change_password === 1 }
}

/** Ends a session on the server and audits why. */
export async function logout(
  s: Services,
  actor: AuditActor,
  sessionId: number,
  reason: 'logout' | 'replaced' | 'expired' | 'switch_user',
): Promise<void> {
  await s.db.transaction().execute(async (trx) => {
    await endSession(trx, sessionId, s.now().toISOString(), reason)
    await recordAudit(trx, s.keys.audit, actor, {
      action: reason === 'expired' ? 'session.expire' : 'auth.logout',
      details: { session: sessionId, reason },
    })
  })
}
