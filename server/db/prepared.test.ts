import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { memoryDb } from '../testing/test-app.js'
import { prepared } from './prepared.js'

// A prepared query must answer exactly what the same Kysely query answers, for every set of
// parameters, and refuse at once a query whose parameters it could not bind.

async function clinic() {
  const db = await memoryDb()
  const at = '2026-11-29T09:00:00.000Z'
  for (const [serial, zone] of [
    ['A1', 'reception'],
    ['B2', 'surgery'],
    ["C3' OR 1=1 --", 'office'],
  ] as const) {
    await db
      .insertInto('devices')
      .values({
        name: `terminal ${serial}`,
        zone,
        serial,
        fingerprint256: `FP:${serial}`,
        issued_at: at,
        not_after: '2030-01-01T00:00:00.000Z',
        issued_by: null,
      })
      .execute()
  }
  return db
}

describe('prepared', () => {
  it('answers as Kysely does, with the parameters of each call', async () => {
    const db = await clinic()
    const bySerial = prepared((d, p: { serial: string }) =>
      d.selectFrom('devices').selectAll().where('serial', '=', p.serial),
    )
    for (const serial of ['A1', 'B2', "C3' OR 1=1 --", 'missing', '']) {
      const direct = await db
        .selectFrom('devices')
        .selectAll()
        .where('serial', '=', serial)
        .executeTakeFirst()
      expect(await bySerial.first(db, { serial }), serial).toEqual(direct)
    }
    // Inside a transaction it runs on the transaction's connection and sees its writes.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('devices').set({ name: 'renamed' }).where('serial', '=', 'A1').execute()
      expect((await bySerial.first(trx, { serial: 'A1' }))?.name).toBe('renamed')
      await trx
        .updateTable('devices')
        .set({ name: 'terminal A1' })
        .where('serial', '=', 'A1')
        .execute()
    })
  })

  it('binds a parameter used twice, and keeps the values that are not parameters', async () => {
    const db = await clinic()
    const zoneOrSerial = prepared((d, p: { key: string; zone: 'reception' | 'surgery' }) =>
      d
        .selectFrom('devices')
        .select('serial')
        .where((eb) =>
          eb.or([eb('serial', '=', p.key), eb('name', '=', p.key), eb('zone', '=', p.zone)]),
        )
        .where('revoked_at', 'is', null)
        .orderBy('serial')
        .limit(10),
    )
    expect(await zoneOrSerial.all(db, { key: 'A1', zone: 'surgery' })).toEqual([
      { serial: 'A1' },
      { serial: 'B2' },
    ])
    expect(await zoneOrSerial.all(db, { key: 'terminal B2', zone: 'reception' })).toEqual([
      { serial: 'A1' },
      { serial: 'B2' },
    ])
    expect(await zoneOrSerial.all(db, { key: 'none', zone: 'surgery' })).toEqual([{ serial: 'B2' }])
  })

  it('refuses a parameter that does not reach the query as given', async () => {
    const db = await clinic()
    const transformed = prepared((d, p: { word: string }) =>
      d.selectFrom('devices').select('serial').where('name', 'like', `${p.word}%`),
    )
    await expect(transformed.all(db, { word: 'term' })).rejects.toThrow(/transformed|plain value/)
    const inSql = prepared((d, p: { serial: string }) =>
      d
        .selectFrom('devices')
        .select('serial')
        .where(sql.raw(`serial = '${p.serial}'`) as never),
    )
    await expect(inSql.all(db, { serial: 'A1' })).rejects.toThrow(/plain value/)
  })
})
