import type { Context, MiddlewareHandler } from 'hono'
import { recordAudit } from '../audit/audit.service.js'
import type { Permission } from '../policy/permissions.js'
import { loadEffectivePermissions } from '../policy/policy.js'
import type { AppEnv } from './app-env.js'
import { UserFacingError } from './errors.js'

/**
 * What a route needs, declared on every route (deny by default, checklist 16):
 * - `public`: no login (the login form, health);
 * - `session`: a login, even a locked one or one that must change its password first
 *   (lock screen, unlock, logout, password change);
 * - `staff`: an unlocked login with a password of the person's own choosing;
 * - a permission: `staff`, and the permission is in (role ∪ grants − denials) ∩ zone ceiling.
 */
export type Access = 'public' | 'session' | 'staff' | Permission

const ACCESS = Symbol('enamel.access')
export type AccessMiddleware = MiddlewareHandler<AppEnv> & { [ACCESS]: Access }

/** The guard every route starts with; createApp refuses a route without one. */
export function allow(access: Access): AccessMiddleware {
  const guard: MiddlewareHandler<AppEnv> = async function allowGuard(c, next) {
    if (access === 'public') return next()
    const session = c.get('session')
    if (!session) return toLogin(c)
    if (access !== 'session') {
      if (session.locked) return redirect(c, '/lock')
      if (session.mustChangePassword) return redirect(c, '/password')
    }
    if (access === 'session' || access === 'staff') return next()
    if (!(await can(c, access))) {
      await recordAudit(c.get('services').db, c.get('services').keys.audit, auditActor(c), {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: access, route: c.req.routePath, method: c.req.method },
      })
      throw new UserFacingError(403, 'error.forbidden')
    }
    return next()
  }
  return Object.assign(guard, { [ACCESS]: access })
}

/** The declared access of a handler, if it is a guard made by `allow`. */
export function accessOf(handler: unknown): Access | undefined {
  return (handler as Partial<AccessMiddleware>)?.[ACCESS]
}

type Ctx = Context<AppEnv>

/** Who acts in this request, for audit events. */
export function auditActor(c: Ctx) {
  return {
    staffId: c.get('session')?.staffId ?? null,
    deviceId: c.get('device')?.id ?? null,
    zone: c.get('device')?.zone ?? null,
  }
}

/** The session's effective permissions at this terminal, loaded once per request. */
export async function permissionsOf(c: Ctx): Promise<ReadonlySet<Permission>> {
  const session = c.get('session')
  if (!session || session.locked || session.mustChangePassword) return new Set()
  let perms = c.get('permissions')
  if (!perms) {
    perms = await loadEffectivePermissions(
      c.get('services').db,
      { id: session.staffId, role: session.role },
      c.get('device').zone,
    )
    c.set('permissions', perms)
  }
  return perms
}

/**
 * May the person do this here? Fails closed (checklist 18): any error in the policy is a
 * "no", logged, never an exception that some handler might turn into a 200.
 */
export async function can(c: Ctx, permission: Permission): Promise<boolean> {
  try {
    return (await permissionsOf(c)).has(permission)
  } catch (err) {
    c.get('services').log.error(
      { requestId: c.get('requestId'), err: (err as Error).message },
      'policy failed; denying',
    )
    return false
  }
}

function redirect(c: Ctx, to: string) {
  // htmx follows HX-Redirect with a full navigation; a plain 303 would be swapped into a fragment.
  if (c.req.header('hx-request') === 'true') {
    c.header('HX-Redirect', to)
    return c.body(null, 204)
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(to, 303)
  throw new UserFacingError(401, 'error.forbidden')
}

function toLogin(c: Ctx) {
  return redirect(c, '/login')
}

/**
 * Checks that every route registered on the app starts with an `allow` guard.
 * @throws Error listing the routes without one: the server must not start with them.
 */
export function assertEveryRouteDeclaresAccess(
  routes: readonly { method: string; path: string; handler: unknown }[],
): void {
  const byRoute = new Map<string, boolean>()
  for (const r of routes) {
    if (r.method === 'ALL') continue // app.use() middleware
    const key = `${r.method} ${r.path}`
    byRoute.set(key, (byRoute.get(key) ?? false) || accessOf(r.handler) !== undefined)
  }
  const missing = [...byRoute].filter(([, ok]) => !ok).map(([k]) => k)
  if (missing.length > 0) {
    throw new Error(`routes without a declared access rule: ${missing.join(', ')}`)
  }
}

/** Every route with its declared access, for the permission-matrix test and the docs. */
export function routeAccessTable(
  routes: readonly { method: string; path: string; handler: unknown }[],
): { method: string; path: string; access: Access }[] {
  const out: { method: string; path: string; access: Access }[] = []
  for (const r of routes) {
    const access = accessOf(r.handler)
    if (access && r.method !== 'ALL') out.push({ method: r.method, path: r.path, access })
  }
  return out
}
