import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { randomToken } from '../../crypto/master-key.js'
import type { AppEnv } from '../app-env.js'
import { UserFacingError } from '../errors.js'
import { formFields } from '../forms.js'

export const CSRF_COOKIE = '__Host-enamel-csrf'
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * CSRF defence on every unsafe method (checklist 15): the Origin must be this server and the
 * request must carry the token, in the X-CSRF-Token header (htmx) or the `_csrf` form field.
 * Logged-in requests use the session's token; before login, a SameSite=Strict cookie's.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async function csrf(c, next) {
    let token = c.get('session')?.csrfToken ?? getCookie(c, CSRF_COOKIE)
    if (!token && SAFE.has(c.req.method)) {
      token = randomToken(24)
      setCookie(c, CSRF_COOKIE, token, {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      })
    }
    c.set('csrfToken', token ?? '')
    if (!SAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      const fetchSite = c.req.header('sec-fetch-site')
      const ownOrigin = new URL(c.req.url).origin
      let sent = c.req.header(CSRF_HEADER)
      if (!sent && isForm(c.req.header('content-type'))) {
        const body = await formFields(c)
        const field = body[CSRF_FIELD]
        sent = typeof field === 'string' ? field : undefined
      }
      // With Referrer-Policy: no-referrer, browsers send `Origin: null` on same-origin form
      // posts; Sec-Fetch-Site (which a page cannot forge) then vouches for the origin.
      const originOk =
        origin === ownOrigin ||
        ((origin === 'null' || origin === undefined) && fetchSite === 'same-origin')
      const ok =
        originOk &&
        (fetchSite === undefined || fetchSite === 'same-origin') &&
        !!token &&
        !!sent &&
        same(sent, token)
      if (!ok) {
        c.get('services').log.warn(
          { requestId: c.get('requestId'), origin, fetchSite, hasToken: !!sent },
          'csrf refused',
        )
        throw new UserFacingError(403, 'error.csrf')
      }
    }
    await next()
  }
}

function isForm(type: string | undefined): boolean {
  return !!type && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)
}
