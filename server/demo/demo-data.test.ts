import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run.js'
import { loadConfig } from '../config.js'
import { fileStoreFor } from '../files/file-store.js'
import { loadFile } from '../files/files.service.js'
import { JPEG } from '../files/sniff.js'
import { verifyPassword } from '../auth/password.js'
import { searchPatients } from '../patients/patients.search.js'
import { insertSyntheticPatients } from '../patients/synthetic.js'
import { openRuntime, type Runtime } from '../system/runtime.js'

const SMALL = ['--patients', '300', '--entries', '3000', '--attachments', '2']
const SIZES = [...SMALL, '--attachment-kb', '64', '--days', '14', '--today', '2026-11-30']

async function cli(dataDir: string, args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const env = { ...process.env, ENAMEL_DATA_DIR: dataDir, ENAMEL_LOG_LEVEL: 'silent' as const }
  const code = await runCli(args, { out: (l) => out.push(l), env }, (l) => err.push(l))
  return { code, out: out.join('\n'), err }
}

async function freshDir() {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'enamel-demo-')), 'data')
  expect((await cli(dir, ['init', '--json'])).code).toBe(0)
  return dir
}

async function withRt<T>(dir: string, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig({ ...process.env, ENAMEL_DATA_DIR: dir }))
  try {
    return await fn(rt)
  } finally {
    await rt.close()
  }
}

/** A digest of the generated rows that must not depend on anything but the seed and sizes. */
async function digest(rt: Runtime): Promise<string> {
  const h = createHash('sha256')
  for (const q of [
    sql`select card_number, surname, name, patronymic, birth_date, phone, search_fio from patients order by id`,
    sql`select patient_id, doctor_id, chair_id, starts_at, ends_at, status from appointments order by id`,
    sql`select record_id, revision, patient_id, visit_date, diagnosis_code, status from medical_entries order by id`,
    sql`select patient_id, tooth, supersedes_id, codes, surfaces from tooth_states order by id`,
    sql`select sha256, size from files order by id`,
  ]) {
    h.update(JSON.stringify((await q.execute(rt.db)).rows))
  }
  return h.digest('hex')
}

describe('enamel demo-data', { timeout: 300_000 }, () => {
  let dir: string
  let result: {
    seed: number
    password: string
    logins: { doctors: string[]; receptionists: string[] }
    counts: {
      patients: number
      appointments: number
      visits: number
      corrections: number
      toothStates: number
    }
  }

  beforeAll(async () => {
    dir = await freshDir()
    const r = await cli(dir, ['demo-data', ...SIZES, '--seed', '7', '--json'])
    expect(r.err).toEqual([])
    expect(r.code).toBe(0)
    result = JSON.parse(r.out)
  }, 300_000)

  it('refuses a data directory that holds a real patient, in one line, adding nothing', async () => {
    const real = await freshDir()
    await withRt(real, (rt) => insertSyntheticPatients(rt.db, { count: 1 }))
    const r = await cli(real, ['demo-data', ...SIZES])
    expect(r.code).toBe(1)
    expect(r.err).toHaveLength(1)
    expect(r.err[0]).toMatch(
      /holds 1 patient\(s\) not made by demo-data; demo data goes only into a fresh data directory/,
    )
    await withRt(real, async (rt) => {
      const staff = await rt.db.selectFrom('staff').select('login').execute()
      expect(staff.map((s) => s.login)).toEqual(['owner'])
    })
  })

  it('refuses to generate twice into the same directory', async () => {
    const r = await cli(dir, ['demo-data', ...SIZES])
    expect(r.code).toBe(1)
    expect(r.err[0]).toMatch(/already holds demo data/)
  })

  it('writes the asked sizes, a valid audit chain and one demo.generate event', async () => {
    expect(result.counts.patients).toBe(300)
    expect(result.counts.visits + result.counts.corrections + result.counts.toothStates).toBe(3000)
    expect(result.counts.appointments).toBeGreaterThan(1000)
    await withRt(dir, async (rt) => {
      const n = async (t: 'patients' | 'medical_entries' | 'tooth_states' | 'medical_files') =>
        Number(
          (
            await rt.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      expect(await n('patients')).toBe(300)
      expect((await n('medical_entries')) + (await n('tooth_states'))).toBe(3000)
      expect(await n('medical_files')).toBe(2)
      const events = await rt.db
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('action', '=', 'demo.generate')
        .execute()
      expect(events).toHaveLength(1)
      expect(JSON.parse(events[0]!.details)).toMatchObject({ seed: 7, patients: 300 })
    })
    const verify = await cli(dir, ['audit', 'verify'])
    expect(verify.code).toBe(0)
  })

  it('makes people one can find and sign in as, and attachments that decrypt as JPEG', async () => {
    await withRt(dir, async (rt) => {
      const p = await rt.db
        .selectFrom('patients')
        .select(['id', 'surname', 'phone'])
        .where('id', '=', 42)
        .executeTakeFirstOrThrow()
      expect(p.phone).toMatch(/^\+79\d{9}$/)
      const hits = await searchPatients(rt.db, p.phone!.slice(-7), { limit: 100 })
      expect(hits.map((h) => h.id)).toContain(42)
      const doctor = await rt.db
        .selectFrom('staff')
        .select(['password_hash', 'must_change_password', 'role'])
        .where('login', '=', result.logins.doctors[0]!)
        .executeTakeFirstOrThrow()
      expect(doctor).toMatchObject({ role: 'doctor', must_change_password: 0 })
      expect(await verifyPassword(doctor.password_hash, result.password)).toBe(true)
      const file = await rt.db
        .selectFrom('medical_files')
        .select('file_id')
        .executeTakeFirstOrThrow()
      const store = fileStoreFor(rt.config.dataDir, rt.keys.files, rt.config.uploadMaxBytes)
      const loaded = await loadFile(rt.db, store, file.file_id)
      expect(loaded!.data.length).toBeGreaterThan(60 * 1024)
      expect(JPEG.matches(loaded!.data)).toBe(true)
    })
  })

  it('is deterministic: the same seed and sizes give the same clinic', async () => {
    const again = await freshDir()
    expect((await cli(again, ['demo-data', ...SIZES, '--seed', '7'])).code).toBe(0)
    const other = await freshDir()
    expect((await cli(other, ['demo-data', ...SIZES, '--seed', '8'])).code).toBe(0)
    const [a, b, c] = await Promise.all([dir, again, other].map((d) => withRt(d, digest)))
    expect(b).toBe(a)
    expect(c).not.toBe(a)
  })
})
