import { randomUUID } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { raw } from 'hono/html'
import { jsxRenderer } from 'hono/jsx-renderer'
import { HtmlEscapedCallbackPhase, resolveCallback, type HtmlEscapedString } from 'hono/utils/html'
import { Layout } from '../../views/layout/layout.js'
import { backupBanner } from '../backups/backups.queries.js'
import { createI18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/messages.js'
import type { Permission } from '../policy/permissions.js'
import { permissionsOf } from './access.js'
import type { AppEnv } from './app-env.js'

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>
  }
}

/** Sections in the top bar, each shown only to whom its permission allows here. */
const NAV: { href: string; label: MessageKey; permission: Permission }[] = [
  { href: '/patients', label: 'nav.patients', permission: 'patients.contacts.read' },
  { href: '/schedule', label: 'nav.schedule', permission: 'schedule.read' },
  { href: '/billing', label: 'nav.billing', permission: 'billing.read' },
  { href: '/stock', label: 'nav.stock', permission: 'stock.read' },
  { href: '/analytics', label: 'nav.analytics', permission: 'analytics.read' },
  { href: '/admin/staff', label: 'nav.staff', permission: 'admin.staff' },
  { href: '/admin/devices', label: 'nav.devices', permission: 'admin.devices' },
  { href: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { href: '/admin/backups', label: 'nav.backups', permission: 'admin.backups' },
]

/**
 * The layout glue: maps the request's device, session, i18n and CSRF token onto the pure
 * Layout view, so routes call `c.render(<Page/>, { title })` and views never see `c`.
 */
export function renderer() {
  return jsxRenderer(
    async ({ children, title }, c: Context<AppEnv>) => {
      const session = c.get('session')
      const { config } = c.get('services')
      const i18n = c.get('i18n') ?? createI18n(config.locale, config.timeZone)
      const perms = await permissionsOf(c).catch(() => new Set<Permission>())
      // Office and chair terminals warn when backups are stale or a restore drill failed.
      const zone = c.get('device')?.zone
      const showBanner = session && !session.locked && (zone === 'office' || zone === 'surgery')
      const banner = showBanner
        ? await backupBanner(c.get('services').db, c.get('services').now()).catch(() => undefined)
        : undefined
      const nav = NAV.filter((item) => perms.has(item.permission)).map((item) => ({
        href: item.href,
        label: i18n.t(item.label),
      }))
      return (
        <Layout
          title={title}
          i18n={i18n}
          nav={nav}
          banner={banner && i18n.t(`backups.banner.${banner}`)}
          csrfToken={c.get('csrfToken')}
          patientSearch={perms.has('patients.contacts.read')}
          device={c.get('device')}
          staff={
            session && !session.locked && !session.mustChangePassword
              ? { fullName: session.fullName, role: session.role }
              : undefined
          }
        >
          {children}
        </Layout>
      )
    },
    { docType: true },
  )
}

/**
 * Hands every HTML body to Hono as a primitive string. A page in the layout (jsxRenderer)
 * is a String object, which @hono/node-server cannot send from its cached fast path: it
 * builds a whole fetch Response and reads it back as a stream, which cost more than a
 * patient card's queries (bench profile). The bytes and headers sent are the same.
 * Must run before renderer().
 */
export function primitiveHtml(): MiddlewareHandler {
  return async function primitiveHtml(c, next) {
    const html = c.html
    const send = (body: string, ...rest: unknown[]) => {
      const slot = (c as Context<AppEnv>).get('htmlSlot')
      const at = slot ? body.indexOf(slot.marker) : -1
      if (!slot || at < 0)
        return (html as (b: string, ...r: unknown[]) => Response | Promise<Response>)(body, ...rest)
      c.header('Content-Type', 'text/html; charset=UTF-8')
      const bytes = Buffer.concat([
        Buffer.from(body.slice(0, at)),
        slot.bytes,
        Buffer.from(body.slice(at + slot.marker.length)),
      ])
      return (c.body as (b: Uint8Array, ...r: unknown[]) => Response)(bytes, ...rest)
    }
    const asString = (content: unknown, ...rest: unknown[]) => {
      if (typeof content !== 'object' || content === null) return send(content as string, ...rest)
      return resolveCallback(
        content as Promise<string>,
        HtmlEscapedCallbackPhase.Stringify,
        false,
        {},
      ).then((body) => send(`${body}`, ...rest))
    }
    c.html = asString as typeof c.html
    await next()
  }
}

/**
 * c.render for a page that carries a large fragment already encoded (the cached day grid,
 * ~80 KB): `page` draws the page with `slot` where the fragment goes, and the answer is sent
 * as bytes with the fragment spliced in. A large string of Cyrillic text costs more to measure
 * and encode at every answer (V8 flattens and transcodes it twice) than the page's queries
 * (bench profile). The marker is random per answer and `<!--` never survives escaping, so
 * nothing a person typed can stand in for it.
 */
export function renderAround(
  c: Context<AppEnv>,
  fragment: Uint8Array<ArrayBuffer>,
  page: (slot: HtmlEscapedString) => string | Promise<string>,
  props: { title: string },
): Response | Promise<Response> {
  const marker = `<!--slot-${randomUUID()}-->`
  c.set('htmlSlot', { marker, bytes: fragment })
  return c.render(page(raw(marker)), props)
}

/** An HTML fragment already encoded (a cached one), sent as it is. */
export function htmlBytes(c: Context, bytes: Uint8Array<ArrayBuffer>): Response {
  c.header('Content-Type', 'text/html; charset=UTF-8')
  return c.body(bytes)
}

/** True for requests made by htmx, which want the partial rather than the whole page. */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true'
}
