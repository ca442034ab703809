import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'

/** The owner's backup page (office): status, snapshots, back up now, verify now. */
export function backupRoutes() {
  const app = new Hono<AppEnv>()
  return app
}
