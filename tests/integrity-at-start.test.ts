import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { integrityCheckInWorker, openSqlite } from '../server/db/connection.js'
import { setUpClinic, startEnamel, type EnamelServer } from './support/enamel-process.js'

// The server checks its database in a worker thread while it already serves (start-up stays
// short on a large clinic); a damaged database must still stop it.

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Overwrites the page-type byte of a table's root page, as a failing disk would. */
function corruptTable(file: string, table: string) {
  const sqlite = openSqlite(file)
  const { rootpage } = sqlite
    .prepare('select rootpage from sqlite_master where name = ?')
    .get(table) as { rootpage: number }
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  sqlite.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.from([0x07]), 0, 1, (rootpage - 1) * pageSize)
  closeSync(fd)
}

function exitOf(server: EnamelServer): Promise<number | null> {
  const proc = server.process!
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode)
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)))
}

describe('database integrity check at start', () => {
  it('reports ok from the worker on a sound database, and the damage on a broken one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-integrity-'))
    dirs.push(dir)
    const file = path.join(dir, 'enamel.db')
    const sqlite = openSqlite(file)
    sqlite.exec('create table kept (x text); create table t (x text)')
    sqlite.prepare('insert into t values (?)').run('y'.repeat(200))
    sqlite.close()
    expect(await integrityCheckInWorker(file, 'quick')).toBe('ok')
    expect(await integrityCheckInWorker(file, 'full')).toBe('ok')
    corruptTable(file, 't')
    expect(await integrityCheckInWorker(file, 'quick')).toMatch(/malformed/)
  })

  it('serves, checks in the background, and stops with exit 1 when the database is damaged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-integrity-'))
    dirs.push(dir)
    const clinic = await setUpClinic(path.join(dir, 'data'))
    const server = await startEnamel(clinic)
    try {
      await expect
        .poll(() => server.logs().some((l) => l.msg === 'database integrity ok'), {
          timeout: 60_000,
        })
        .toBe(true)
    } finally {
      await server.stop()
    }

    // The suppliers table is not read at start, so the server listens before the check ends.
    corruptTable(path.join(clinic.dataDir, 'enamel.db'), 'suppliers')
    // It may exit before the helper notices it listened; what it said and its exit code count.
    await server.restart({ signal: 'SIGTERM' }).catch(() => undefined)
    expect(await exitOf(server)).toBe(1)
    const said = server.output.join('\n')
    expect(server.logs().filter((l) => l.msg === 'listening')).toHaveLength(2)
    expect(said).toContain('enamel: database integrity check failed')
    expect(said).not.toMatch(/\n\s+at /) // one readable line, no stack trace
    expect(server.logs().some((l) => l.msg === 'database integrity check failed')).toBe(true)
  })
})
