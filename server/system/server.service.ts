import type { Logger } from 'pino'
import { createApp } from '../app.js'
import { reissueCrl } from '../devices/devices.service.js'
import { watchRevocations } from '../devices/revocation-watcher.js'
import { startHealthSocket } from './health-socket.js'
import { startHttpsServer, type HttpsServer } from './https-server.js'
import type { Runtime } from './runtime.js'

export interface RunningEnamel {
  https: HttpsServer
  url: string
  stop(): Promise<void>
}

/**
 * Starts Enamel on an opened runtime: a fresh CRL, the mutual-TLS listener, the revocation
 * watcher and the local health socket. Used by main.ts and by the integration tests.
 */
export async function startEnamel(
  rt: Runtime,
  log: Logger,
  opts: { host?: string; port?: number; now?: () => Date } = {},
): Promise<RunningEnamel> {
  const now = opts.now ?? (() => new Date())
  // Never start on a stale CRL: issue a new one from the database first.
  await reissueCrl({ db: rt.db, ca: rt.ca, pki: rt.pki, now })
  const app = createApp({
    config: rt.config,
    db: rt.db,
    keys: rt.keys,
    log,
    now,
    pki: { ca: rt.ca, paths: rt.pki },
    onDeviceRevoked: () => void watcher.check(),
  })
  const target = await startHttpsServer(app, rt.pki, {
    host: opts.host ?? rt.config.host,
    port: opts.port ?? rt.config.port,
  })
  const watcher = watchRevocations({ db: rt.db, ca: rt.ca, pki: rt.pki, log, now, target })
  await watcher.check()
  const health = await startHealthSocket(rt.config.dataDir, rt.db)
  return {
    https: target,
    url: target.url,
    stop: async () => {
      watcher.stop()
      await new Promise<void>((resolve) => health.close(() => resolve()))
      await target.close()
    },
  }
}
