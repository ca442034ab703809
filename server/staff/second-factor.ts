import type { Context, MiddlewareHandler } from 'hono'
import { permissionsOf } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { forbidden } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { getSetting, REQUIRE_TOTP_FOR_ADMIN_KEY } from '../policy/policy.js'
import { findSessionSecondFactor } from './totp.queries.js'

export const TOTP_PAGE = '/account/totp'
export const TOTP_VERIFY_PAGE = '/account/totp/verify'

/** Where the verify page may send the person back to: admin pages only, never elsewhere. */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(admin|audit)(\/[a-z0-9_-]+)*$/i.test(value) ? value : '/admin/staff'
}

/**
 * 'ok', or where the person must go first. Someone who turned TOTP on proves it once per
 * session (a lock forgets it: see setSessionLocked); when the clinic requires TOTP for
 * administration, someone without it is sent to set it up.
 */
export async function secondFactorVerdict(c: Context<AppEnv>): Promise<'ok' | 'verify' | 'enroll'> {
  const session = c.get('session')
  if (!session) throw forbidden()
  const row = await findSessionSecondFactor(c.get('services').db, session.id)
  if (!row) throw forbidden()
  if (row.totp_enabled === 1) return row.totp_verified_at ? 'ok' : 'verify'
  const required = await getSetting(c.get('services').db, REQUIRE_TOTP_FOR_ADMIN_KEY)
  return required === '1' ? 'enroll' : 'ok'
}

/**
 * Step-up for every `/admin/*` page (checklist 6), mounted once in app.tsx so no admin route
 * can forget it. It acts only for people who hold some admin.* right at this terminal; the
 * others go on to the route's own guard (login redirect or 403).
 */
export function adminStepUp(): MiddlewareHandler<AppEnv> {
  const step = requireSecondFactor()
  return async function adminStepUp(c, next) {
    const session = c.get('session')
    if (!session || session.locked || session.mustChangePassword) return next()
    const perms = await permissionsOf(c).catch(() => new Set<string>())
    if (![...perms].some((p) => p.startsWith('admin.'))) return next()
    return step(c, next)
  }
}

/**
 * Step-up for `admin.*` routes (checklist 6): put it right after `allow('admin.…')`.
 * Fails closed: an error while checking is a 403, never a pass.
 */
export function requireSecondFactor(): MiddlewareHandler<AppEnv> {
  return async function requireSecondFactor(c, next) {
    let verdict: Awaited<ReturnType<typeof secondFactorVerdict>>
    try {
      verdict = await secondFactorVerdict(c)
    } catch (err) {
      c.get('services').log.error(
        { requestId: c.get('requestId'), err: (err as Error).message },
        'second-factor check failed; denying',
      )
      throw forbidden()
    }
    if (verdict === 'ok') return next()
    const back = c.req.method === 'GET' ? c.req.path : undefined
    const to =
      verdict === 'verify'
        ? `${TOTP_VERIFY_PAGE}?next=${encodeURIComponent(safeReturnPath(back))}`
        : TOTP_PAGE
    if (isHtmx(c)) {
      c.header('HX-Redirect', to)
      return c.body(null, 204)
    }
    // 303 also turns a refused POST into a GET of the verify page; nothing was changed.
    return c.redirect(to, 303)
  }
}
