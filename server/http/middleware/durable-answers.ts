import type { MiddlewareHandler } from 'hono'

/**
 * No answer leaves before what its request wrote is on disk (a power cut must not lose an
 * acknowledged write; see server/db/durability.ts), error pages included: Hono has made
 * them by the time next() returns. A failed sync turns the answer into an error page.
 */
export function durableAnswers(durable: () => Promise<void>): MiddlewareHandler {
  return async function durableAnswer(_c, next) {
    await next()
    await durable()
  }
}
