import { Hono } from 'hono'
import { sql } from 'kysely'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'

/** Liveness and database reachability; nothing about patients or staff. */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/healthz', allow('public'), async (c) => {
    await sql`select 1`.execute(c.get('services').db)
    return c.json({ status: 'ok' })
  })
  return app
}
