import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv, Services } from '../app-env.js'

/**
 * Puts the injected services and a request id on the context, and logs one line per request:
 * method, route pattern (never the raw URL's query), status, duration, staff and device ids.
 * No names, tokens or form values are ever logged (checklist 26).
 */
export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async function requestContext(c, next) {
    const started = performance.now()
    c.set('services', services)
    c.set('requestId', randomUUID())
    await next()
    services.log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        staffId: c.get('session')?.staffId,
        deviceId: c.get('device')?.id,
      },
      'request',
    )
  }
}
