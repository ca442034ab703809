import { Hono } from 'hono'
import { Home } from '../../views/home/home.page.js'
import { allow, can } from '../http/access.js'
import { clockState } from '../system/clock.js'
import { enamelVersion } from '../system/version.js'
import type { AppEnv } from '../http/app-env.js'
import { quantityFormatter } from '../stock/quantity.js'
import { listLowStock } from '../stock/stock.queries.js'

/** The start page: who is logged in, on which terminal, in which zone. */
export function homeRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/', allow('staff'), async (c) => {
    const session = c.get('session')!
    const device = c.get('device')
    const system = (await can(c, 'admin.staff'))
      ? { version: enamelVersion(), clock: await clockState() }
      : undefined
    // Whoever keeps or uses stock sees what is running out (the owner first of all).
    const lowStock = (await can(c, 'stock.read'))
      ? await listLowStock(c.get('services').db)
      : undefined
    return c.render(
      <Home
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        staff={{ fullName: session.fullName, role: session.role, locale: c.get('i18n').locale }}
        device={device}
        sessionStartedAt={session.createdAt}
        idleMinutes={Math.round(c.get('services').config.idleMs[device.zone] / 60_000)}
        system={system}
        lowStock={lowStock}
        closeMonth={await can(c, 'analytics.read')}
        quantity={quantityFormatter(c.get('i18n').locale, c.get('i18n').t)}
      />,
      { title: c.get('i18n').t('home.title') },
    )
  })

  return app
}
