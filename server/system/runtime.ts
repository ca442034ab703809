import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import { deriveKey, derivePassphrase, loadMasterKey } from '../crypto/master-key.js'
import type { Database, Db } from '../database.js'
import {
  integrityCheck,
  integrityCheckInWorker,
  kyselyFor,
  openSqlite,
  type Sqlite,
} from '../db/connection.js'
import { walSync } from '../db/durability.js'
import { appliedMigrationCount, migrateToLatest, unknownMigrations } from '../db/migrate.js'
import { migrations } from '../db/migrations/index.js'
import type { AppKeys } from '../http/app-env.js'
import { loadCa, pkiPaths, type CaMaterial, type PkiPaths } from '../pki/index.js'

/** Thrown when the data directory cannot be used; the message is one line for an operator. */
export class DataDirError extends Error {
  override name = 'DataDirError'
}

/** An opened data directory: database, keys and CA, shared by the server and the CLI. */
export interface Runtime {
  config: Config
  sqlite: Sqlite
  db: Db
  keys: AppKeys
  master: Buffer
  pki: PkiPaths
  ca: CaMaterial
  /**
   * Resolves once every write made so far is on disk. Immediate for the CLI (its connection
   * syncs in each COMMIT); for the server (`durableAnswers`) the WAL sync every answer awaits.
   */
  durable(): Promise<void>
  close(): Promise<void>
}

export function databaseFile(config: Config): string {
  return path.join(config.dataDir, 'enamel.db')
}

/** True when `enamel init` (or the first `npm start`) has run on this data directory. */
export function isInitialized(config: Config): boolean {
  return existsSync(databaseFile(config)) || existsSync(pkiPaths(config.dataDir).caCert)
}

export function deriveAppKeys(master: Buffer): AppKeys {
  return {
    audit: deriveKey(master, 'audit-chain'),
    secrets: deriveKey(master, 'secrets'),
    files: deriveKey(master, 'files'),
  }
}

export function caPassphrase(master: Buffer): string {
  return derivePassphrase(master, 'ca-key')
}

/**
 * Opens the database (migrating it, after a safety copy when it holds data), the master key
 * and the CA of an initialized data directory.
 * @throws DataDirError for a missing or unusable data directory or a database newer than this build.
 */
export async function openRuntime(
  config: Config,
  opts: { migrate?: boolean; deferIntegrityCheck?: boolean; durableAnswers?: boolean } = {},
): Promise<Runtime> {
  if (!isInitialized(config)) {
    throw new DataDirError(`${config.dataDir} is not an Enamel data directory (run: enamel init)`)
  }
  const master = loadMasterKey(config.masterKeyFile)
  // The server: commits without an fsync on the event loop, answers after a WAL sync.
  const sync = opts.durableAnswers ? walSync(databaseFile(config)) : undefined
  const sqlite = openSqlite(databaseFile(config), { synchronous: sync ? 'NORMAL' : 'FULL' })
  const db = kyselyFor<Database>(sqlite, { onWrite: sync?.written })
  try {
    // The server defers the check to a worker while it serves (`checkIntegrityWhileServing`);
    // an upgrade never migrates an unchecked database.
    const upgrading = (await appliedMigrationCount(db)) < Object.keys(migrations).length
    if (!opts.deferIntegrityCheck || upgrading) {
      const check = integrityCheck(sqlite, 'quick')
      if (check !== 'ok') throw new DataDirError(`database integrity check failed: ${check}`)
    }
    await migrateSafely(config, sqlite, db, opts.migrate ?? true)
    await sync?.durable()
    const pki = pkiPaths(config.dataDir)
    const ca = loadCa(pki, caPassphrase(master))
    return {
      config,
      sqlite,
      db,
      keys: deriveAppKeys(master),
      master,
      pki,
      ca,
      durable: sync ? sync.durable : () => Promise.resolve(),
      close: async () => {
        try {
          await sync?.close()
        } finally {
          await db.destroy()
        }
      },
    }
  } catch (err) {
    await sync?.close().catch(() => undefined)
    await db.destroy()
    throw err
  }
}

/**
 * The start-up integrity check of a server opened with `deferIntegrityCheck`: `quick_check` on
 * a read-only connection in a worker thread, so a large clinic is served within a second of
 * start while its database is still being read through. 'ok' or SQLite's findings.
 */
export function checkIntegrityWhileServing(config: Config): Promise<string> {
  return integrityCheckInWorker(databaseFile(config), 'quick')
}

async function migrateSafely(
  config: Config,
  sqlite: Sqlite,
  db: Kysely<Database>,
  migrate: boolean,
) {
  const newer = await unknownMigrations(db, migrations)
  if (newer.length > 0) {
    throw new DataDirError(
      `the database was written by a newer Enamel (migration ${newer[0]}); install that version or newer`,
    )
  }
  if (!migrate) return
  const applied = await appliedMigrationCount(db)
  const pending = Object.keys(migrations).length - applied
  // Every known migration applied and none unknown (above): the migrator would only take and
  // release its lock, a write transaction at every start.
  if (pending === 0) return
  if (applied > 0) {
    // An upgrade: keep a consistent copy of the database as it was before migrating.
    const dir = path.join(config.dataDir, 'pre-upgrade')
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await sqlite.backup(path.join(dir, `enamel-${stamp}.db`))
  }
  await migrateToLatest(db, migrations)
}
