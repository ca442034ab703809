import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'
import { clinicSettingsRoutes } from './clinic-settings.routes.js'
import { staffAccessRoutes } from './staff-access.routes.js'
import { staffAccountRoutes } from './staff-accounts.routes.js'
import { totpRoutes } from './totp.routes.js'

/** Staff administration (office): accounts, access levels, second factor. */
export function staffRoutes() {
  const app = new Hono<AppEnv>()
  // Access routes first: /admin/staff/matrix and /history must win over /admin/staff/:id.
  app.route('/', staffAccessRoutes())
  app.route('/', staffAccountRoutes())
  app.route('/', clinicSettingsRoutes())
  app.route('/', totpRoutes())
  return app
}
