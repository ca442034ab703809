import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'

/** Terminals (office): list, issue, rename, revoke, reissue, enrollment windows. */
export function deviceRoutes() {
  const app = new Hono<AppEnv>()
  return app
}
