import type { Logger } from 'pino'
import type { Db } from '../database.js'
import { readCrl, type CaMaterial, type PkiPaths } from '../pki/index.js'
import { listRevokedDevices } from './devices.queries.js'
import { reissueCrl } from './devices.service.js'

export const WATCH_INTERVAL_MS = 1000
/** The CRL is valid 7 days and reissued once a day, so an alarm at 5 days left means trouble. */
export const CRL_REISSUE_AFTER_MS = 24 * 3_600_000
export const CRL_ALARM_BEFORE_MS = 5 * 24 * 3_600_000

/** What a CRL issued at start-up lists and when, so the watcher does not issue it again. */
export interface IssuedCrl {
  /** The revoked serials as the watcher compares them. */
  signature: string
  at: number
}

const signatureOf = (revoked: { serial: string }[]) => revoked.map((d) => d.serial).join(',')

/**
 * Issues a fresh CRL from the database (before anything listens) and returns what it covers,
 * for `watchRevocations({ issued })`.
 */
export async function issueCrl(
  deps: Pick<Parameters<typeof reissueCrl>[0], 'db' | 'ca' | 'pki' | 'now'>,
): Promise<IssuedCrl> {
  // Listed and timed before the CRL is built: a device revoked in between is in the CRL but
  // not in the signature, so the watcher's next look issues again (never the other way round).
  const revoked = await listRevokedDevices(deps.db)
  const at = deps.now().getTime()
  await reissueCrl(deps)
  return { signature: signatureOf(revoked), at }
}

export interface RevocationTarget {
  reloadTls(): void
  closeSockets(serial: string): number
}

/**
 * Polls the devices table once a second. When the set of revoked devices changes (a revoke
 * in this process or from the CLI), it reissues the CRL, loads it into a new TLS context and
 * cuts the revoked devices' live connections: revocation holds within seconds on new,
 * kept-alive and resumed connections without a restart (checklist 8). It also reissues the
 * CRL daily and logs an error well before it could expire (checklist 9).
 */
export function watchRevocations(deps: {
  db: Db
  ca: CaMaterial
  pki: PkiPaths
  log: Logger
  now: () => Date
  target: RevocationTarget
  /** The CRL the target was started with; without it the first check issues one. */
  issued?: IssuedCrl
}): { stop(): void; check(): Promise<void> } {
  let known = deps.issued?.signature ?? ''
  let crlIssuedAt = deps.issued?.at ?? 0
  let running = false
  const check = async () => {
    if (running) return
    running = true
    try {
      const revoked = await listRevokedDevices(deps.db)
      const signature = signatureOf(revoked)
      const now = deps.now().getTime()
      const changed = signature !== known
      if (changed || now - crlIssuedAt > CRL_REISSUE_AFTER_MS) {
        const pem = await reissueCrl(deps)
        deps.target.reloadTls()
        crlIssuedAt = now
        if (changed) {
          for (const { serial } of revoked) {
            const n = deps.target.closeSockets(serial)
            if (n > 0) deps.log.info({ serial, sockets: n }, 'revoked device disconnected')
          }
          known = signature
        }
        const left = readCrl(pem).nextUpdate.getTime() - now
        if (left < CRL_ALARM_BEFORE_MS) deps.log.error({ msLeft: left }, 'CRL close to expiry')
      }
    } catch (err) {
      deps.log.error({ err: (err as Error).message }, 'revocation check failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void check(), WATCH_INTERVAL_MS)
  timer.unref()
  return { stop: () => clearInterval(timer), check }
}
