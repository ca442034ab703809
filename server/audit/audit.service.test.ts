import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../database.js'
import { kyselyFor, openSqlite } from '../db/connection.js'
import { migrateToLatest } from '../db/migrate.js'
import { migrations } from '../db/migrations/index.js'
import { memoryDb } from '../testing/test-app.js'
import { GENESIS_HASH, recordAudit, verifyAuditChain } from './audit.service.js'

const actor = { staffId: 1, deviceId: 2, zone: 'surgery' }

/** A database file with ten events, and a function to run raw SQL on it with the sqlite3 tool. */
async function chainOnDisk() {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'enamel-audit-')), 'enamel.db')
  const key = randomBytes(32)
  let db = kyselyFor<Database>(openSqlite(file))
  await migrateToLatest(db, migrations)
  for (let i = 1; i <= 10; i++) {
    await recordAudit(db, key, actor, {
      action: 'medical.card.open',
      patientId: 40 + i,
      category: 'anamnesis',
      details: { section: 'anamnesis', n: i },
    })
  }
  await db.destroy()
  // An attacker with the file drops the append-only triggers first.
  const raw = (statement: string) =>
    execFileSync('sqlite3', [
      file,
      'drop trigger if exists audit_events_no_update; drop trigger if exists audit_events_no_delete;' +
        statement,
    ])
  const verify = async () => {
    db = kyselyFor<Database>(openSqlite(file))
    try {
      return await verifyAuditChain(db, key)
    } finally {
      await db.destroy()
    }
  }
  return { raw, verify }
}

describe('audit chain: tampering is found', () => {
  it('an edited row', async () => {
    const { raw, verify } = await chainOnDisk()
    raw(`update audit_events set patient_id = 99 where id = 4;`)
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 4 })
  })

  it('a deleted row', async () => {
    const { raw, verify } = await chainOnDisk()
    raw(`delete from audit_events where id = 6;`)
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 7 })
  })

  it('an inserted row', async () => {
    const { raw, verify } = await chainOnDisk()
    raw(`update audit_events set id = id + 100 where id >= 5;
      update audit_events set id = id - 99 where id >= 105;
      insert into audit_events (id, at, staff_id, device_id, zone, action, patient_id, category, outcome, details, prev_hash, hash)
      select 5, at, staff_id, device_id, zone, 'auth.login', null, null, 'ok', '{}', hash, hash from audit_events where id = 4;`)
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 5 })
  })

  it('reordered rows', async () => {
    const { raw, verify } = await chainOnDisk()
    raw(`update audit_events set id = 100 where id = 3;
      update audit_events set id = 3 where id = 8;
      update audit_events set id = 8 where id = 100;`)
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 3 })
  })

  it('a row whose hash was recomputed without the key', async () => {
    const { raw, verify } = await chainOnDisk()
    raw(
      `update audit_events set action = 'auth.logout', hash = lower(hex(sha3(details))) where id = 2;`,
    )
    expect(await verify()).toMatchObject({ ok: false, brokenAt: 2 })
  })

  it('an untouched chain verifies and reports its head', async () => {
    const { verify } = await chainOnDisk()
    const result = await verify()
    expect(result).toMatchObject({ ok: true, count: 10 })
    expect(result.ok && result.head).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('audit table: append-only', () => {
  it('refuses UPDATE and DELETE through SQL', async () => {
    const db = await memoryDb()
    await recordAudit(db, randomBytes(32), actor, { action: 'auth.login' })
    await expect(sql`update audit_events set action = 'x'`.execute(db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('links the first event to the genesis hash and joins a surrounding transaction', async () => {
    const db = await memoryDb()
    const key = randomBytes(32)
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, key, actor, { action: 'staff.create' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await db.selectFrom('audit_events').selectAll().execute()).toHaveLength(0)
    await recordAudit(db, key, actor, { action: 'staff.create' })
    const first = await db.selectFrom('audit_events').selectAll().executeTakeFirstOrThrow()
    expect(first.prev_hash).toBe(GENESIS_HASH)
    expect(first.id).toBe(1)
  })
})

describe('audit group commit', () => {
  it('appends concurrent events in one transaction each caller waits for, in call order', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'enamel-audit-')), 'enamel.db')
    const db = kyselyFor<Database>(openSqlite(file))
    await migrateToLatest(db, migrations)
    const key = randomBytes(32)
    let commits = 0
    const watcher = openSqlite(file)
    const version = () => watcher.pragma('data_version', { simple: true }) as number
    const start = version()
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(db, key, actor, { action: 'patients.card.open', patientId: i + 1 }).then(
          (id) => {
            // Resolved only once durable: another connection already sees the event.
            const seen = watcher.prepare('select count(*) as n from audit_events where id = ?')
            expect((seen.get(id) as { n: number }).n).toBe(1)
            if (version() !== start) commits = version() - start
            return id
          },
        ),
      ),
    )
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    const rows = await db.selectFrom('audit_events').select('patient_id').orderBy('id').execute()
    expect(rows.map((r) => r.patient_id)).toEqual(ids)
    // data_version moves once per commit by another connection: twenty events, one commit.
    expect(commits).toBe(1)
    expect(await verifyAuditChain(db, key)).toMatchObject({ ok: true, count: 20 })
    watcher.close()
    await db.destroy()
  })

  it('fails only the event the database refuses, not its neighbours', async () => {
    const db = await memoryDb()
    const key = randomBytes(32)
    const results = await Promise.allSettled([
      recordAudit(db, key, actor, { action: 'patients.card.open', patientId: 1 }),
      recordAudit(db, key, actor, {
        action: 'patients.card.open',
        // Refused by the table's check constraint.
        outcome: 'maybe' as never,
      }),
      recordAudit(db, key, actor, { action: 'patients.card.open', patientId: 3 }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await verifyAuditChain(db, key)).toMatchObject({ ok: true, count: 2 })
  })
})
