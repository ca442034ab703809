import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'

/** The audit trail (office): search, CSV export, patient access report, break-glass review. */
export function auditRoutes() {
  const app = new Hono<AppEnv>()
  return app
}
