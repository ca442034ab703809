import type { Context } from 'hono'
import { jsxRenderer } from 'hono/jsx-renderer'
import { Layout } from '../../views/layout/layout.js'
import { createI18n } from '../i18n/i18n.js'
import type { AppEnv } from './app-env.js'

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>
  }
}

/**
 * The layout glue: maps the request's device, session, i18n and CSRF token onto the pure
 * Layout view, so routes call `c.render(<Page/>, { title })` and views never see `c`.
 */
export function renderer() {
  return jsxRenderer(
    ({ children, title }, c: Context<AppEnv>) => {
      const session = c.var.session
      const { config } = c.var.services
      return (
        <Layout
          title={title}
          i18n={c.var.i18n ?? createI18n(config.locale, config.timeZone)}
          csrfToken={c.var.csrfToken}
          device={c.var.device}
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

/** True for requests made by htmx, which want the partial rather than the whole page. */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true'
}
