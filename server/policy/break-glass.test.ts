import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Db } from '../database.js'
import { memoryDb } from '../testing/test-app.js'
import {
  activeBreakGlass,
  BREAK_GLASS_MINUTES,
  BreakGlassError,
  canReadMedicalOf,
  requestBreakGlass,
} from './break-glass.js'
import { MEDICAL_VISIBILITY_KEY, setSetting } from './policy.js'

const T0 = new Date('2026-11-29T09:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)
const REASON = 'Пациент с острой болью, врач в отпуске'

async function setup() {
  const db = await memoryDb()
  const at = T0.toISOString()
  const staff = (login: string, role: string) =>
    db
      .insertInto('staff')
      .values({
        login,
        full_name: login,
        role: role as 'doctor',
        password_hash: 'x',
        must_change_password: 0,
        locale: null,
        active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: at,
        updated_at: at,
        totp_secret: null,
        totp_last_step: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const doc = (await staff('doc', 'doctor')).id
  const other = (await staff('other', 'doctor')).id
  const device = await db
    .insertInto('devices')
    .values({
      name: 'chair',
      zone: 'surgery',
      serial: 'AA',
      fingerprint256: 'FP',
      issued_at: at,
      not_after: '2030-01-01T00:00:00.000Z',
      issued_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const deps = { db, auditKey: randomBytes(32), now: () => T0 }
  const actor = { staffId: doc, deviceId: device.id, zone: 'surgery' }
  const request = (patientId: number, reason = REASON) =>
    requestBreakGlass(deps, actor, { staffId: doc, deviceId: device.id, patientId, reason })
  return { db, doc, other, request }
}

const never = async () => false
const always = async () => true

async function restrict(db: Db) {
  await setSetting(db, MEDICAL_VISIBILITY_KEY, 'own')
}

describe('requestBreakGlass', () => {
  it('refuses a reason under 10 characters (after trimming) and a bad patient id', async () => {
    const { db, request } = await setup()
    for (const reason of ['', 'коротко', '   123456789   ']) {
      await expect(request(42, reason)).rejects.toThrow(BreakGlassError)
    }
    await expect(request(0)).rejects.toMatchObject({ problem: 'bad_patient' })
    await expect(request(1.5)).rejects.toMatchObject({ problem: 'bad_patient' })
    await expect(request(42, 'x'.repeat(1001))).rejects.toMatchObject({
      problem: 'reason_too_long',
    })
    expect(await db.selectFrom('break_glass').selectAll().execute()).toEqual([])
    expect(await db.selectFrom('audit_events').selectAll().execute()).toEqual([])
  })

  it('grants for 30 minutes and records a flagged break_glass.start with the reason', async () => {
    const { db, doc, request } = await setup()
    const { id, expiresAt } = await request(42)
    expect(BREAK_GLASS_MINUTES).toBe(30)
    expect(expiresAt).toBe(minutes(30).toISOString())
    const [event] = await db.selectFrom('audit_events').selectAll().execute()
    expect(event).toMatchObject({ action: 'break_glass.start', patient_id: 42, staff_id: doc })
    expect(JSON.parse(event!.details)).toEqual({
      break_glass: id,
      reason: REASON,
      expires_at: expiresAt,
      flagged: true,
    })
  })
})

describe('activeBreakGlass', () => {
  it('holds for this person and patient until it expires, and for no one else', async () => {
    const { db, doc, other, request } = await setup()
    await request(42)
    expect(await activeBreakGlass(db, doc, 42, minutes(29))).toBeDefined()
    expect(await activeBreakGlass(db, doc, 42, minutes(30))).toBeUndefined()
    expect(await activeBreakGlass(db, doc, 42, minutes(-1))).toBeUndefined()
    expect(await activeBreakGlass(db, doc, 43, minutes(1))).toBeUndefined()
    expect(await activeBreakGlass(db, other, 42, minutes(1))).toBeUndefined()
  })
})

describe('canReadMedicalOf', () => {
  it('is true for everyone when doctors see all patients (the default)', async () => {
    const { db, doc } = await setup()
    expect(await canReadMedicalOf(db, { staffId: doc, role: 'doctor' }, 42, T0, never)).toBe(true)
  })

  it('in "own" mode: only when the person treats the patient or holds an active grant', async () => {
    const { db, doc, other, request } = await setup()
    await restrict(db)
    const me = { staffId: doc, role: 'doctor' as const }
    expect(await canReadMedicalOf(db, me, 42, T0, never)).toBe(false)
    expect(await canReadMedicalOf(db, me, 42, T0, always)).toBe(true)
    const treatsOnly7 = async (_db: unknown, staffId: number, patientId: number) =>
      staffId === doc && patientId === 7
    expect(await canReadMedicalOf(db, me, 7, T0, treatsOnly7)).toBe(true)
    expect(await canReadMedicalOf(db, me, 42, T0, treatsOnly7)).toBe(false)
    await request(42)
    expect(await canReadMedicalOf(db, me, 42, minutes(10), never)).toBe(true)
    expect(await canReadMedicalOf(db, me, 42, minutes(31), never)).toBe(false)
    expect(
      await canReadMedicalOf(db, { staffId: other, role: 'doctor' }, 42, minutes(10), never),
    ).toBe(false)
    // The owner is not exempt: their reads of other patients are flagged the same way.
    expect(await canReadMedicalOf(db, { staffId: other, role: 'owner' }, 42, T0, never)).toBe(false)
  })
})
