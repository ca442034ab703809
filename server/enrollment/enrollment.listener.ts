import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import { isIP, type AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Logger } from 'pino'
import type { EnrollmentControl } from '../http/app-env.js'
import type { I18n } from '../i18n/i18n.js'
import type { PkiPaths } from '../pki/index.js'
import { CIPHERS } from '../system/https-server.js'
import { countOpenEnrollments } from './enrollment.queries.js'
import { closeExpiredEnrollments, type EnrollmentDeps } from './enrollment.service.js'
import { listenerRoutes } from './listener.routes.js'

/** How often a running listener looks for windows that expired or were closed elsewhere. */
export const SYNC_INTERVAL_MS = 1000
export const FAILURE_DELAY_MS = 1000
/** A finished download's connection gets this long to drain before it is cut. */
const DRAIN_MS = 2000

/**
 * TLS of the enrollment listener: the server certificate and the main listener's TLS 1.2+
 * ECDHE/AEAD suites (checklist 27), but no client certificate: the terminal has none yet.
 */
export function enrollmentTlsOptions(pki: PkiPaths) {
  return {
    key: readFileSync(pki.serverKey),
    cert: readFileSync(pki.serverCert),
    requestCert: false,
    minVersion: 'TLSv1.2' as const,
    ciphers: CIPHERS,
    honorCipherOrder: true,
    ecdhCurve: 'X25519:P-256:P-384',
  }
}

export interface EnrollmentListenerOptions extends EnrollmentDeps {
  log: Logger
  i18n: I18n
  pki: PkiPaths
  listen: { host: string; port: number }
  /** The name terminals type: the first public name (it is in the server certificate). */
  publicName: string
  failureDelayMs?: number
  syncIntervalMs?: number
  /** As Services.durable: each answer waits until its writes are on disk. */
  durable?: () => Promise<void>
}

export interface EnrollmentListener extends EnrollmentControl {
  /** The bound port while the listener runs, else undefined. */
  port(): number | undefined
  /** Stops for good (server shutdown), cutting any connection. */
  stop(): Promise<void>
}

/**
 * The enrollment listener (DESIGN.md §2): off until a window opens, then a separate HTTPS
 * port that serves only listenerRoutes, and off again as soon as no window is open (the
 * last one downloaded, closed by the owner, or expired; checked every second).
 * Open windows live in the database, so this object only runs or stops the socket.
 */
export function createEnrollmentListener(opts: EnrollmentListenerOptions): EnrollmentListener {
  let server: Server | undefined
  let starting: Promise<Server> | undefined
  let stopping: Promise<void> | undefined
  let syncing: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  /** Bumped by every ensureRunning, so a sync that counted before a new window does not halt. */
  let demand = 0
  const fingerprint256 = new X509Certificate(readFileSync(opts.pki.serverCert)).fingerprint256
  const host = isIP(opts.publicName) === 6 ? `[${opts.publicName}]` : opts.publicName

  const app = listenerRoutes({
    ...opts,
    failureDelayMs: opts.failureDelayMs ?? FAILURE_DELAY_MS,
    afterWindowClosed: () => void sync(),
  })

  async function start(): Promise<Server> {
    const s = createAdaptorServer({
      fetch: app.fetch,
      createServer,
      serverOptions: { ...enrollmentTlsOptions(opts.pki), keepAliveTimeout: 5000 },
    }) as Server
    // Anyone on the LAN can knock; a failed handshake is their problem, not an error of ours.
    s.on('tlsClientError', () => {})
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject)
      s.listen(opts.listen.port, opts.listen.host, () => resolve())
    })
    timer = setInterval(() => void sync(), opts.syncIntervalMs ?? SYNC_INTERVAL_MS)
    timer.unref()
    opts.log.info({ port: (s.address() as AddressInfo).port }, 'enrollment listener open')
    return s
  }

  function halt(drainMs: number): Promise<void> {
    const s = server
    server = undefined
    clearInterval(timer)
    if (!s) return Promise.resolve()
    stopping = new Promise<void>((resolve) => {
      s.close(() => resolve())
      s.closeIdleConnections()
      setTimeout(() => s.closeAllConnections(), drainMs).unref()
    }).finally(() => {
      stopping = undefined
      opts.log.info('enrollment listener closed')
    })
    return stopping
  }

  async function ensureRunning() {
    if (stopped) throw new Error('the enrollment listener has been stopped')
    demand++
    await stopping
    if (!server) {
      starting ??= start().finally(() => (starting = undefined))
      server = await starting
    }
    const port = (server.address() as AddressInfo).port
    return { url: `https://${host}:${port}`, fingerprint256 }
  }

  function sync(): Promise<void> {
    syncing ??= (async () => {
      const seen = demand
      await closeExpiredEnrollments(opts)
      const open = await countOpenEnrollments(opts.db, opts.now().toISOString())
      if (open === 0 && server && seen === demand) await halt(DRAIN_MS)
      else if (open > 0 && !server && !stopped) await ensureRunning()
    })()
      .catch((err: Error) => opts.log.error({ err: err.message }, 'enrollment sync failed'))
      .finally(() => (syncing = undefined))
    return syncing
  }

  return {
    ensureRunning,
    sync,
    port: () => (server ? (server.address() as AddressInfo).port : undefined),
    stop: async () => {
      stopped = true
      await starting?.catch(() => undefined)
      await halt(0)
    },
  }
}
