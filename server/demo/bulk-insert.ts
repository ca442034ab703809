import type { Insertable } from 'kysely'
import type { Database, Db } from '../database.js'
import type { Sqlite } from '../db/connection.js'

/**
 * A prepared INSERT for millions of rows: the SQL is compiled by Kysely from a typed sample
 * row (so table and column names are checked), then run through one better-sqlite3
 * statement with the values in the sample's key order. Kysely's async driver would spend
 * minutes on a million rows; this takes seconds inside one transaction.
 */
export function bulkInsert<T extends keyof Database & string>(
  sqlite: Sqlite,
  db: Db,
  table: T,
  sample: Insertable<Database[T]>,
): (row: Insertable<Database[T]>) => number {
  const keys = Object.keys(sample) as (keyof typeof sample)[]
  for (const k of keys) {
    if (sample[k] === undefined) throw new Error(`bulkInsert ${table}: ${String(k)} is undefined`)
  }
  const compiled = db
    .insertInto(table)
    .values(sample as never)
    .compile()
  const stmt = sqlite.prepare(compiled.sql)
  return (row) => {
    const values = keys.map((k) => row[k] as unknown)
    return Number(stmt.run(values).lastInsertRowid)
  }
}

/** Runs `fn(i)` for i in [0, count) in transactions of `batch` rows, reporting progress. */
export function inBatches(
  sqlite: Sqlite,
  count: number,
  batch: number,
  fn: (i: number) => void,
  progress?: (done: number) => void,
): void {
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch)
    sqlite.transaction(() => {
      for (let i = start; i < end; i++) fn(i)
    })()
    progress?.(end)
  }
}
