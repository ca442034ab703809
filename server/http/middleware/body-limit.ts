import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/**
 * Hono's bodyLimit, without its cost on every request: it asks `c.req.raw.body` first, which
 * makes @hono/node-server build a whole fetch Request around a web stream of the socket, even
 * for a GET (6 % of a patient card's server time in the bench profile). GET and HEAD carry no
 * body here (node-server never reads one), and a declared Content-Length is checked from the
 * header, as bodyLimit does; only a chunked body goes through bodyLimit's counting reader.
 */
export function requestBodyLimit(
  maxSize: number,
  onError: (c: Context) => never,
): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError })
  return async function requestBodyLimit(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > maxSize ? onError(c) : next()
    return counting(c, next)
  }
}
