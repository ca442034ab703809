import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'

export type Sqlite = Database.Database

/**
 * Opens (creating if needed) a SQLite file with the pragmas clinical data needs:
 * WAL, synchronous=FULL (a power cut must not lose an acknowledged write),
 * foreign keys on, and a busy timeout for the CLI running beside the server.
 * @throws when the file cannot be opened.
 */
export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Sqlite {
  const sqlite = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
  })
  sqlite.pragma('busy_timeout = 5000')
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}

/** Wraps an open SQLite handle in Kysely. The caller owns both; destroying Kysely closes the file. */
export function kyselyFor<DB>(sqlite: Sqlite): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
}

/**
 * `PRAGMA integrity_check` ('full') or `quick_check` (start-up: skips index cross-checks,
 * seconds faster on a large clinic): 'ok' or the problems SQLite reports.
 */
export function integrityCheck(sqlite: Sqlite, mode: 'full' | 'quick' = 'full'): string {
  const pragma = mode === 'full' ? 'integrity_check' : 'quick_check'
  const rows = sqlite.pragma(pragma) as Record<string, string>[]
  return rows.map((r) => r[pragma]).join('; ')
}
