import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely'

export type Sqlite = Database.Database

/**
 * Opens (creating if needed) a SQLite file with the pragmas clinical data needs:
 * WAL, synchronous=FULL (a power cut must not lose an acknowledged write),
 * foreign keys on, and a busy timeout for the CLI running beside the server.
 * The server passes synchronous 'NORMAL' and makes every answer wait for walSync()
 * (durability.ts) instead: the same guarantee, without an fsync on the event loop.
 * @throws when the file cannot be opened.
 */
export function openSqlite(
  file: string,
  opts: { readonly?: boolean; synchronous?: 'FULL' | 'NORMAL' } = {},
): Sqlite {
  const sqlite = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
  })
  sqlite.pragma('busy_timeout = 5000')
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${opts.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

// SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR,
// SQLITE_NOMEM); Kysely's ROLLBACK then fails with "no transaction is active" and that error
// replaces the real one, so a full disk would surface as a puzzling SQLITE_ERROR.
class SqliteDriverKeepingErrors extends SqliteDriver {
  constructor(private readonly sqlite: Sqlite) {
    super({ database: sqlite })
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection)
  }
}

class EnamelSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: Sqlite) {
    super({ database: sqlite })
  }

  override createDriver(): Driver {
    return new SqliteDriverKeepingErrors(this.sqlite)
  }
}

/**
 * Wraps an open SQLite handle in Kysely. The caller owns both; destroying Kysely closes the
 * file. `onWrite` runs before every statement that may write (see walSync).
 */
export function kyselyFor<DB>(sqlite: Sqlite, opts: { onWrite?: () => void } = {}): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new EnamelSqliteDialect(withStatementCache(sqlite, 500, opts.onWrite)),
  })
}

/**
 * The handle as Kysely sees it, with prepared statements reused by SQL text (least recently
 * used beyond `max`). Kysely's driver prepares every query anew, which was a tenth of the
 * server's CPU on a page view (bench profile); parameters are still bound per execution. A
 * statement still being iterated (busy) is never handed out twice: a fresh one is prepared.
 * `onWrite` is called as each statement that is not a plain read is handed out, which Kysely
 * does right before running it, in the same synchronous step. "Not a plain read": anything
 * that changes the database (INSERT … RETURNING included) and anything that returns no rows,
 * which takes in COMMIT (SQLite counts transaction control as read-only).
 */
export function withStatementCache(sqlite: Sqlite, max = 500, onWrite?: () => void): Sqlite {
  const cache = new Map<string, Database.Statement>()
  const prepare = (source: string) => {
    const stmt = cachedStatement(source)
    if (onWrite && (!stmt.readonly || !stmt.reader)) onWrite()
    return stmt
  }
  const cachedStatement = (source: string) => {
    const hit = cache.get(source)
    if (hit && !hit.busy) {
      cache.delete(source)
      cache.set(source, hit)
      return hit
    }
    const stmt = sqlite.prepare(source)
    if (!hit) {
      cache.set(source, stmt)
      if (cache.size > max) cache.delete(cache.keys().next().value!)
    }
    return stmt
  }
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * `PRAGMA integrity_check` ('full') or `quick_check` (start-up: skips index cross-checks,
 * seconds faster on a large clinic): 'ok' or the problems SQLite reports.
 */
export function integrityCheck(sqlite: Sqlite, mode: 'full' | 'quick' = 'full'): string {
  return integrityRows(sqlite.pragma(mode === 'full' ? 'integrity_check' : 'quick_check'), mode)
}

function integrityRows(rows: unknown, mode: 'full' | 'quick'): string {
  const pragma = mode === 'full' ? 'integrity_check' : 'quick_check'
  return (rows as Record<string, string>[]).map((r) => r[pragma]).join('; ')
}

// Plain JavaScript so it runs the same from the TypeScript sources and the compiled build.
const INTEGRITY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  parentPort.postMessage({ rows: db.pragma(workerData.pragma) })
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) })
} finally {
  if (db) db.close()
}
`

/**
 * The same check on a read-only connection in a worker thread, so a large clinic's database is
 * checked without holding the event loop (start-up serves while it runs). Resolves 'ok' or
 * what SQLite found.
 */
export function integrityCheckInWorker(
  file: string,
  mode: 'full' | 'quick' = 'quick',
): Promise<string> {
  const pragma = mode === 'full' ? 'integrity_check' : 'quick_check'
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  return new Promise((resolve, reject) => {
    const worker = new Worker(INTEGRITY_WORKER, {
      eval: true,
      workerData: { driver, file, pragma },
    })
    // A page too damaged to walk makes SQLite throw instead of listing problems: a finding too.
    worker.once('message', (m: { rows?: unknown; error?: string }) =>
      resolve(m.error ?? integrityRows(m.rows, mode)),
    )
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`integrity check worker exited with code ${code}`))
    })
  })
}
