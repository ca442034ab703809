import { mkdtempSync, rmSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql, type Generated } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { kyselyFor, openSqlite } from './connection.js'
import { walSync, type WalSync } from './durability.js'

// The server's connection commits without an fsync (synchronous=NORMAL) and every answer waits
// for walSync().durable(). What must hold: a sync that began after a write covers it, so
// nothing acknowledged can be lost; waiters share syncs; a failure is reported, not swallowed.

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A real WAL database whose syncs the test sees and can hold back or fail. */
function setup(opts: { fail?: () => boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'enamel-durable-'))
  dirs.push(dir)
  const file = path.join(dir, 'enamel.db')
  const log: string[] = []
  const held: (() => void)[] = []
  let hold = false
  const datasync = async (f: FileHandle) => {
    if (hold) await new Promise<void>((r) => held.push(r))
    if (opts.fail?.()) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })
    await f.datasync()
    log.push('sync')
  }
  const sync: WalSync = walSync(file, { datasync, flushAfterMs: 60_000 })
  const sqlite = openSqlite(file, { synchronous: 'NORMAL' })
  const db = kyselyFor<{ t: { id: Generated<number>; v: string } }>(sqlite, {
    onWrite: () => {
      log.push('write')
      sync.written()
    },
  })
  return {
    file,
    sqlite,
    db,
    sync,
    log,
    holdSyncs: (on: boolean) => (hold = on),
    releaseSyncs: () => held.splice(0).forEach((r) => r()),
  }
}

describe('walSync', () => {
  it('runs SQLite with synchronous=NORMAL in WAL mode on the server connection only', () => {
    const s = setup()
    expect(s.sqlite.pragma('synchronous', { simple: true })).toBe(1)
    expect(s.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    const cli = openSqlite(path.join(path.dirname(s.file), 'cli.db'))
    expect(cli.pragma('synchronous', { simple: true })).toBe(2)
    cli.close()
    s.sqlite.close()
  })

  it('marks writes, commits and INSERT … RETURNING, but not reads', async () => {
    const s = setup()
    await sql`create table t (id integer primary key, v text)`.execute(s.db)
    s.log.length = 0
    await s.db.selectFrom('t').selectAll().execute()
    expect(s.log).toEqual([])
    await s.db.insertInto('t').values({ v: 'a' }).returning('id').execute()
    expect(s.log).toEqual(['write'])
    s.log.length = 0
    await s.db.transaction().execute(async (trx) => {
      await trx.selectFrom('t').selectAll().execute()
      await trx.updateTable('t').set({ v: 'b' }).execute()
    })
    // begin, the update, commit: the commit itself is marked, after the update.
    expect(s.log).toEqual(['write', 'write', 'write'])
    await s.db.destroy()
  })

  it('answers only after a sync that began after the write, and shares syncs between waiters', async () => {
    const s = setup()
    await sql`create table t (id integer primary key, v text)`.execute(s.db)
    await s.sync.durable()
    s.log.length = 0
    const before = s.sync.stats()
    expect(before.written).toBe(before.synced)
    // Nothing new written: no sync at all.
    await s.sync.durable()
    expect(s.log).toEqual([])

    await s.db.insertInto('t').values({ v: 'first' }).execute()
    s.holdSyncs(true)
    const first = s.sync.durable()
    const alsoFirst = s.sync.durable()
    // A write while that sync is under way is not covered by it.
    await new Promise((r) => setImmediate(r))
    await s.db.insertInto('t').values({ v: 'second' }).execute()
    let secondDone = false
    const second = s.sync.durable().then(() => (secondDone = true))
    s.holdSyncs(false)
    s.releaseSyncs()
    await Promise.all([first, alsoFirst])
    await second
    expect(secondDone).toBe(true)
    // Two syncs for three waiters: the first two shared one, the later write needed its own.
    expect(s.log).toEqual(['write', 'write', 'sync', 'sync'])
    expect(s.sync.stats().syncs - before.syncs).toBe(2)
    await s.db.destroy()
  })

  it('reports a failed sync to the waiter and syncs again at the next call', async () => {
    let failures = 1
    const s = setup({ fail: () => failures-- > 0 })
    await sql`create table t (id integer primary key, v text)`.execute(s.db)
    await expect(s.sync.durable()).rejects.toThrow(/EIO/)
    await expect(s.sync.durable()).resolves.toBeUndefined()
    expect(s.sync.stats().synced).toBe(s.sync.stats().written)
    await s.db.destroy()
  })

  it('syncs a write nobody waits for by itself, soon after', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'enamel-durable-'))
    dirs.push(dir)
    const file = path.join(dir, 'enamel.db')
    const sync = walSync(file, { flushAfterMs: 10 })
    const sqlite = openSqlite(file, { synchronous: 'NORMAL' })
    const db = kyselyFor(sqlite, { onWrite: sync.written })
    await sql`create table t (id integer primary key)`.execute(db)
    await expect.poll(() => sync.stats().synced, { timeout: 5000 }).toBe(sync.stats().written)
    await sync.close()
    await db.destroy()
  })
})
