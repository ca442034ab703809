import type { Logger } from 'pino'
import { createApp } from '../app.js'
import { createBackupScheduler } from '../backups/backups.start.js'
import type { ScheduleOptions } from '../backups/scheduler.js'
import { reissueCrl } from '../devices/devices.service.js'
import { watchRevocations } from '../devices/revocation-watcher.js'
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
  // Before anything listens: what uploads cut short by a crash left in the file store.
  const swept = await sweepFileStore(rt.db, fileStoreOf(rt).dir)
  if (swept.temps + swept.blobs > 0) {
    log.warn(swept, 'file store: removed what interrupted uploads left (never recorded)')
  }
  // Never start on a stale CRL: issue a new one from the database first.
  await reissueCrl({ db: rt.db, ca: rt.ca, pki: rt.pki, now })
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
  const watcher = watchRevocations({ db: rt.db, ca: rt.ca, pki: rt.pki, log, now, target })
  await watcher.check()
  // Records windows that expired while the server was down; reopens the port for live ones.
  await enrollment.sync()
  const health = await startHealthSocket(rt.config.dataDir, rt.db)
  // Scheduled backups and drills, only when ENAMEL_BACKUP_REPOSITORY is set.
  await backups?.start()
  return {
    https: target,
    url: target.url,
    enrollment,
    stop: async () => {
      await backups?.stop()
      watcher.stop()
      await enrollment.stop()
      await new Promise<void>((resolve) => health.close(() => resolve()))
      await target.close()
    },
  }
}
