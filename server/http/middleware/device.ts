import type { MiddlewareHandler } from 'hono'
import { findDeviceBySerial, touchDevice } from '../../devices/devices.queries.js'
import type { AppEnv } from '../app-env.js'
import { UserFacingError } from '../errors.js'
import { peerOf, type PeerSocket } from '../peer.js'
import { isDiskFull } from './disk-space.js'

const TOUCH_EVERY_MS = 60_000

/**
 * Maps the client certificate proven at the TLS handshake to a registered, unrevoked
 * device and sets c.get('device'). Anything else is a 403: fail closed even if TLS let it in
 * (a CRL a few seconds behind a revocation).
 */
export function deviceAuth(): MiddlewareHandler<AppEnv> {
  const lastTouch = new Map<number, number>()
  return async function deviceAuth(c, next) {
    const s = c.get('services')
    const peer = peerOf(c.env?.incoming?.socket as PeerSocket | undefined)
    const device = peer ? await findDeviceBySerial(s.db, peer.serial) : undefined
    if (!peer || !device || device.revoked_at || device.fingerprint256 !== peer.fingerprint256) {
      s.log.warn({ requestId: c.get('requestId'), serial: peer?.serial }, 'device refused')
      throw new UserFacingError(403, 'error.device')
    }
    c.set('device', { id: device.id, name: device.name, zone: device.zone, serial: device.serial })
    const now = s.now().getTime()
    // last_seen_at is informational: one write a minute per device, not one per request.
    if (now - (lastTouch.get(device.id) ?? 0) > TOUCH_EVERY_MS) {
      lastTouch.set(device.id, now)
      // Informational too on a full disk: the page must not fail for it.
      await touchDevice(s.db, device.id, new Date(now).toISOString()).catch((err: unknown) => {
        if (!isDiskFull(err)) throw err
      })
    }
    await next()
  }
}
