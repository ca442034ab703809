import { Hono } from 'hono'
import type { AppEnv } from '../http/app-env.js'

/** Staff administration (office): accounts, access levels, second factor. */
export function staffRoutes() {
  const app = new Hono<AppEnv>()
  return app
}
