import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { memoryDb } from '../testing/test-app.js'
import { kyselyFor, openSqlite } from './connection.js'
import { migrateToLatest, unknownMigrations } from './migrate.js'
import { migrations } from './migrations/index.js'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

describe('migrations', () => {
  it('migrate an empty database to the expected schema', async () => {
    const db = await memoryDb()
    const tables = await db.introspection.getTables()
    const byName = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]))
    expect(Object.keys(byName).sort()).toEqual(
      [
        'audit_events',
        'break_glass',
        'devices',
        'enrollments',
        'login_failures',
        'sessions',
        'settings',
        'staff',
        'staff_permissions',
      ].sort(),
    )
    expect(byName.staff).toEqual(
      expect.arrayContaining(['login', 'password_hash', 'role', 'must_change_password', 'locale']),
    )
    expect(byName.sessions).toEqual(
      expect.arrayContaining(['token_hash', 'device_id', 'csrf_token']),
    )
    expect(byName.audit_events).toEqual(
      expect.arrayContaining([
        'at',
        'staff_id',
        'device_id',
        'zone',
        'action',
        'patient_id',
        'outcome',
        'prev_hash',
        'hash',
      ]),
    )
    const triggers = await sql<{
      name: string
    }>`select name from sqlite_master where type = 'trigger'`.execute(db)
    expect(triggers.rows.map((r) => r.name).sort()).toEqual([
      'audit_events_no_delete',
      'audit_events_no_update',
    ])
  })

  it('are idempotent and detect a database from a newer version', async () => {
    const db = await memoryDb()
    expect(await migrateToLatest(db, migrations)).toEqual([])
    expect(await unknownMigrations(db, migrations)).toEqual([])
    await db
      .insertInto('kysely_migration' as never)
      .values({ name: '29990101T0000-future', timestamp: 'x' } as never)
      .execute()
    expect(await unknownMigrations(db, migrations)).toEqual(['29990101T0000-future'])
  })

  it('open files with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-db-'))
    const sqlite = openSqlite(path.join(dir, 'x.db'))
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    void kyselyFor(sqlite).destroy()
  })
})
