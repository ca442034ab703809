import type { Logger } from 'pino'
import { createApp } from '../app.js'
import { createBackupScheduler } from '../backups/backups.start.js'
import type { ScheduleOptions } from '../backups/scheduler.js'
import { issueCrl, watchRevocations } from '../devices/revocation-watcher.js'
import {
  createEnrollmentListener,
  type EnrollmentListener,
} from '../enrollment/enrollment.listener.js'
import { pinKeyFrom } from '../enrollment/enrollment.service.js'
import { fileStoreOf } from '../files/file-store.js'
import { sweepFileStore } from '../files/file-sweep.js'
import { createI18n } from '../i18n/i18n.js'
import { startHealthSocket } from './health-socket.js'
import { startHttpsServer, type HttpsServer } from './https-server.js'
import type { Runtime } from './runtime.js'

export interface RunningEnamel {
  https: HttpsServer
  url: string
  /** Off until the owner opens an enrollment window. */
  enrollment: EnrollmentListener
  stop(): Promise<void>
}

/**
 * Starts Enamel on an opened runtime: a fresh CRL, the mutual-TLS listener, the revocation
 * watcher, the (idle) enrollment listener and the local health socket. Used by main.ts and
 * by the integration tests (`enrollPort: 0` picks a free port when a window opens).
 */
export async function startEnamel(
  rt: Runtime,
  log: Logger,
  opts: {
    host?: string
    port?: number
    enrollPort?: number
    now?: () => Date
    /** Backup schedule overrides (tests use seconds instead of the configured minutes). */
    backup?: Partial<ScheduleOptions>
  } = {},
): Promise<RunningEnamel> {
  const now = opts.now ?? (() => new Date())
  // Backups are checked before anything listens (a loose password file stops start-up).
  const backups = createBackupScheduler(rt, log, opts.backup)
  // What uploads cut short by a crash left in the file store, removed while the CRL and the
  // app are built and the first requests served: uploads wait until it is done (the sweep
  // holds the store's writes), and backups start after it.
  const sweeping = sweepFileStore(rt.db, fileStoreOf(rt).dir)
  // Awaited below; a failure of an earlier step must not leave it unhandled.
  sweeping.catch(() => {})
  // Never start on a stale CRL: issue a new one from the database first.
  const issued = await issueCrl({ db: rt.db, ca: rt.ca, pki: rt.pki, now })
  const host = opts.host ?? rt.config.host
  const enrollment = createEnrollmentListener({
    db: rt.db,
    auditKey: rt.keys.audit,
    pinKey: pinKeyFrom(rt.keys.secrets),
    dataDir: rt.config.dataDir,
    now,
    log,
    i18n: createI18n(rt.config.locale, rt.config.timeZone),
    pki: rt.pki,
    durable: rt.durable,
    listen: { host, port: opts.enrollPort ?? rt.config.enrollPort },
    // Terminals type this name, so it must be one the server certificate carries.
    publicName: rt.config.publicNames[0] ?? host,
  })
  const app = createApp({
    config: rt.config,
    db: rt.db,
    keys: rt.keys,
    log,
    now,
    durable: rt.durable,
    pki: { ca: rt.ca, paths: rt.pki },
    onDeviceRevoked: () => void watcher.check(),
    enrollment,
  })
  const target = await startHttpsServer(app, rt.pki, {
    host,
    port: opts.port ?? rt.config.port,
  })
  // Started from the CRL just issued: its first check only looks for revocations since.
  const watcher = watchRevocations({ db: rt.db, ca: rt.ca, pki: rt.pki, log, now, target, issued })
  await watcher.check()
  // Records windows that expired while the server was down; reopens the port for live ones.
  await enrollment.sync()
  const health = await startHealthSocket(rt.config.dataDir, rt.db)
  const stop = async () => {
    await backups?.stop()
    watcher.stop()
    await enrollment.stop()
    await new Promise<void>((resolve) => health.close(() => resolve()))
    await target.close()
  }
  // A store that cannot be swept still stops start-up, as it did before anything listened.
  const swept = await sweeping.catch(async (err: unknown) => {
    await stop()
    throw err
  })
  if (swept.temps + swept.blobs > 0) {
    log.warn(swept, 'file store: removed what interrupted uploads left (never recorded)')
  }
  // Scheduled backups and drills, only when ENAMEL_BACKUP_REPOSITORY is set.
  await backups?.start()
  return { https: target, url: target.url, enrollment, stop }
}
