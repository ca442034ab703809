import { Hono } from 'hono'
import { Home } from '../../views/home/home.page.js'
import { allow, can } from '../http/access.js'
import { clockState } from '../system/clock.js'
import { enamelVersion } from '../system/version.js'
import type { AppEnv } from '../http/app-env.js'

/** The start page: who is logged in, on which terminal, in which zone. */
export function homeRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/', allow('staff'), async (c) => {
    const session = c.var.session!
    const device = c.var.device
    const system = (await can(c, 'admin.staff'))
      ? { version: enamelVersion(), clock: await clockState() }
      : undefined
    return c.render(
      <Home
        i18n={c.var.i18n}
        csrfToken={c.var.csrfToken}
        staff={{ fullName: session.fullName, role: session.role, locale: c.var.i18n.locale }}
        device={device}
        sessionStartedAt={session.createdAt}
        idleMinutes={Math.round(c.var.services.config.idleMs[device.zone] / 60_000)}
        system={system}
      />,
      { title: c.var.i18n.t('home.title') },
    )
  })

  return app
}
