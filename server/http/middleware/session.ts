import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { recordAudit } from '../../audit/audit.service.js'
import {
  endSession,
  findSessionByTokenHash,
  setSessionActivity,
  setSessionLocked,
} from '../../auth/auth.queries.js'
import { sha256Hex } from '../../crypto/master-key.js'
import { createI18n } from '../../i18n/i18n.js'
import type { AppEnv } from '../app-env.js'
import { isDiskFull } from './disk-space.js'

export const SESSION_COOKIE = '__Host-enamel-session'
/** Requests that carry this header (htmx polling) do not count as activity for the idle lock. */
export const BACKGROUND_HEADER = 'x-enamel-background'
// Activity is written at most this often: the idle lock is minutes, a write per request is waste.
const ACTIVITY_RESOLUTION_MS = 15_000

/**
 * Resolves the session cookie to a live session bound to this device, applying the absolute
 * lifetime and the zone's idle lock; sets c.get('session') (undefined when none) and c.get('i18n').
 */
export function sessionAuth(): MiddlewareHandler<AppEnv> {
  return async function sessionAuth(c, next) {
    const s = c.get('services')
    const device = c.get('device')
    const token = getCookie(c, SESSION_COOKIE)
    const row = token ? await findSessionByTokenHash(s.db, sha256Hex(token)) : undefined
    c.set('session', undefined)
    if (row) {
      const now = s.now()
      const at = now.toISOString()
      const actor = { staffId: row.staff_id, deviceId: device.id, zone: device.zone }
      const end = async (reason: string, action: string, outcome: 'ok' | 'denied') =>
        s.db.transaction().execute(async (trx) => {
          await endSession(trx, row.id, at, reason)
          await recordAudit(trx, s.keys.audit, actor, {
            action,
            outcome,
            details: { session: row.id, reason, session_device: row.device_id },
          })
        })
      if (row.device_id !== device.id) {
        // The cookie was replayed from another terminal: it is compromised, end it (checklist 10).
        await end('replayed_from_other_device', 'session.refused', 'denied')
      } else if (row.active !== 1) {
        await end('deactivated', 'session.expire', 'ok')
      } else if (at >= row.expires_at) {
        await end('expired', 'session.expire', 'ok')
      } else {
        let locked = row.locked_at !== null
        const idle = now.getTime() - new Date(row.last_activity_at).getTime()
        if (!locked && idle > s.config.idleMs[device.zone]) {
          locked = true
          await s.db.transaction().execute(async (trx) => {
            await setSessionLocked(trx, row.id, at, row.last_activity_at)
            await recordAudit(trx, s.keys.audit, actor, {
              action: 'session.lock',
              details: { session: row.id, reason: 'idle' },
            })
          })
        } else if (
          !locked &&
          idle > ACTIVITY_RESOLUTION_MS &&
          c.req.header(BACKGROUND_HEADER) !== '1'
        ) {
          // Bookkeeping for the idle lock: a full disk must not turn every page into an error.
          await setSessionActivity(s.db, row.id, at).catch((err: unknown) => {
            if (!isDiskFull(err)) throw err
          })
        }
        c.set('session', {
          id: row.id,
          staffId: row.staff_id,
          login: row.login,
          fullName: row.full_name,
          role: row.role,
          locale: row.locale,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          locked,
          mustChangePassword: row.must_change_password === 1,
        })
      }
    }
    const locale = c.get('session')?.locale ?? s.config.locale
    c.set('i18n', createI18n(locale, s.config.timeZone))
    await next()
  }
}
