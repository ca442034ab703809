import { statfs } from 'node:fs/promises'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.js'
import { UserFacingError } from '../errors.js'

// A clinic box whose disk fills up must keep its records whole and stay useful: new records
// and uploads are refused while free space is under a reserve (ENAMEL_MIN_FREE_MB), so the
// reserve is left for what reading needs (audit events of every card opened, sign-ins,
// sessions, SQLite's journal). Whatever still runs out of space is answered as 507, never
// as an internal error, and rolled back whole.

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Small writes that let people sign in and out or lock a terminal: the reserve is for them. */
const ALWAYS_ALLOWED = new Set(['/login', '/logout', '/lock', '/unlock', '/switch-user'])
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'])

/** True for an error that means the disk (or quota) is full: file system or SQLite. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && FULL_CODES.has(code)
}

/** Bytes the service may still write under `dir`, or undefined when the system cannot say. */
export async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const s = await statfs(dir)
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}

// With this much more than the reserve free, the answer is reused for up to a second (the
// search box posts on every keystroke): no second of clinic work writes a gigabyte. Near the
// reserve every request asks the file system again.
const HEADROOM_BYTES = 1024 ** 3
const REUSE_MS = 1000
let lastAnswer: { dir: string; free: number; at: number } | undefined

async function freeBytesNearReserve(dir: string, reserve: number): Promise<number | undefined> {
  const now = Date.now()
  const last = lastAnswer
  const age = last ? now - last.at : Infinity
  if (last?.dir === dir && age >= 0 && age < REUSE_MS && last.free - reserve > HEADROOM_BYTES) {
    return last.free
  }
  const free = await freeBytes(dir)
  lastAnswer = free === undefined ? undefined : { dir, free, at: now }
  return free
}

/**
 * Refuses unsafe requests (except sign-in, sign-out and lock) with 507 and a translated
 * message while the data directory has less than `config.minFreeBytes` free; logs one line
 * for each refusal. A reserve of 0 turns the check off.
 * @throws UserFacingError(507, 'error.disk_full')
 */
export function diskSpaceGuard(): MiddlewareHandler<AppEnv> {
  return async function diskSpaceGuard(c, next) {
    const s = c.get('services')
    const reserve = s.config.minFreeBytes
    if (reserve > 0 && !SAFE.has(c.req.method) && !ALWAYS_ALLOWED.has(c.req.path)) {
      const free = await freeBytesNearReserve(s.config.dataDir, reserve)
      if (free !== undefined && free < reserve) {
        s.log.warn(
          {
            requestId: c.get('requestId'),
            staffId: c.get('session')?.staffId,
            deviceId: c.get('device')?.id,
            path: c.req.path,
            freeBytes: free,
            reserveBytes: reserve,
          },
          'disk space low: write refused',
        )
        throw new UserFacingError(507, 'error.disk_full')
      }
    }
    await next()
  }
}
