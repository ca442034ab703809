import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { sql } from 'kysely'
import type { Db } from '../database.js'

/** The local health endpoint: a Unix socket in the data directory, reachable only by its owner. */
export function healthSocketPath(dataDir: string): string {
  return path.join(dataDir, 'health.sock')
}

/**
 * Serves GET /healthz on a Unix socket (mode 0600 via umask) so `enamel healthcheck` can ask
 * the running server without a client certificate, and nobody else on the box can.
 */
export async function startHealthSocket(dataDir: string, db: Db): Promise<Server> {
  const file = healthSocketPath(dataDir)
  rmSync(file, { force: true })
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') {
      res.writeHead(404).end()
      return
    }
    try {
      await sql`select 1`.execute(db)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
    } catch {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"error"}')
    }
  })
  const oldMask = process.umask(0o177)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(file, () => resolve())
    })
  } finally {
    process.umask(oldMask)
  }
  return server
}
