import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMasterKey } from '../server/crypto/master-key.js'
import { openSqlite, integrityCheck, type Sqlite } from '../server/db/connection.js'
import { fileStoreFor, readBlob } from '../server/files/file-store.js'
import { samplePdf, samplePng } from '../server/files/test-files.js'
import { clinicToday } from '../server/schedule/clinic-time.js'
import { deriveAppKeys } from '../server/system/runtime.js'
import {
  runCli,
  runCliProcess,
  setUpClinic,
  startEnamel,
  type Clinic,
  type EnamelClient,
  type EnamelServer,
  type Reply,
} from './support/enamel-process.js'

// Issue 9.1: writes go through HTTP (patients, appointments, visit records, uploads) while the
// server is killed with SIGKILL at random moments. After every restart: the database passes
// integrity_check, every write that was acknowledged is there (in the file and over HTTP),
// every file row has its blob and it decrypts to the uploaded bytes, no blob or temp file is
// left without a row, and `enamel audit verify` passes. Replay a failure with
// ENAMEL_CRASH_SEED=<the seed printed below>.

const CYCLES = Number(process.env.ENAMEL_CRASH_CYCLES ?? 25)
const SEED = Number(process.env.ENAMEL_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))
const STORIES = 2
const TIME_ZONE = 'Europe/Moscow'

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** What one acknowledged write left, to be found again after every crash. */
type Ack =
  | { kind: 'patient'; cycle: number; card: string; patientId: number }
  | { kind: 'appointment'; cycle: number; marker: string; patientId: number }
  | { kind: 'visit'; cycle: number; marker: string; patientId: number; recordId: number }
  | { kind: 'xray'; cycle: number; marker: string; patientId: number; sha256: string }
  | { kind: 'document'; cycle: number; marker: string; patientId: number; sha256: string }

/** Thrown inside a story when the server gave no answer (it was killed): the story ends. */
class NoAnswer extends Error {}

describe('crash safety: SIGKILL during writes', () => {
  let root: string
  let clinic: Clinic
  let server: EnamelServer
  let desk: EnamelClient
  let chair: EnamelClient
  let doctorId: number
  let chairId: number
  const acks: Ack[] = []
  const durations: number[] = []

  beforeAll(async () => {
    const setUpStarted = Date.now()
    root = mkdtempSync(path.join(os.tmpdir(), 'enamel-crash-'))
    clinic = await setUpClinic(path.join(root, 'data'), {
      staff: [
        { login: 'reg', role: 'receptionist', name: 'Регина Стойкая' },
        { login: 'doc', role: 'doctor', name: 'Дмитрий Крепкий' },
      ],
      devices: [
        { name: 'desk', zone: 'reception' },
        { name: 'chair-1', zone: 'surgery' },
      ],
    })
    server = await startEnamel(clinic)
    desk = server.client(clinic.devices.desk!)
    chair = server.client(clinic.devices['chair-1']!)
    await desk.signIn('reg', clinic.staff.reg!.password)
    await chair.signIn('doc', clinic.staff.doc!.password)
    await desk.get('/schedule/settings')
    const made = await desk.postForm('/schedule/chairs', { name: 'Кресло 1' })
    expect(made.status, made.text.slice(0, 300)).toBeLessThan(400)
    const db = openSqlite(path.join(clinic.dataDir, 'enamel.db'), { readonly: true })
    doctorId = clinic.staff.doc!.id
    chairId = (db.prepare('select id from chairs').get() as { id: number }).id
    db.close()
    console.log(`crash-safety: clinic set up and signed in in ${Date.now() - setUpStarted} ms`)
    console.log(
      `crash-safety: seed ${SEED} (replay with ENAMEL_CRASH_SEED=${SEED}), ${CYCLES} cycles`,
    )
  }, 300_000)

  afterAll(async () => {
    await desk?.close()
    await chair?.close()
    await server?.stop()
    if (root) rmSync(root, { recursive: true, force: true })
    if (durations.length) {
      const total = durations.reduce((a, b) => a + b, 0)
      console.log(
        `crash-safety: ${durations.length} cycles, ${acks.length} acknowledged writes, ` +
          `${(total / 1000).toFixed(1)} s (mean ${Math.round(total / durations.length)} ms a cycle)`,
      )
    }
  })

  it(`keeps every acknowledged write through ${CYCLES} SIGKILLs`, async () => {
    const random = prng(SEED)
    let serial = 0
    let slot = 0
    const today = clinicToday(new Date(), TIME_ZONE)

    let alive = false
    /**
     * A request of a story: no answer once the kill is under way ends the story; any other
     * failure, and any answer but the success one, fails the test.
     */
    const expectSuccess = async (what: string, p: Promise<Reply>): Promise<Reply> => {
      let r: Reply
      try {
        r = await p
      } catch (err) {
        if (alive) throw err
        throw new NoAnswer(`${what}: ${(err as Error).message}`)
      }
      if (r.status !== 303 || !r.location) {
        throw new Error(`${what}: HTTP ${r.status} ${r.text.replace(/\s+/g, ' ').slice(0, 400)}`)
      }
      return r
    }

    /** One patient's day, request after request, until the server dies under it. */
    const story = async (cycle: number) => {
      while (alive) {
        const n = ++serial
        const marker = `crash-${SEED}-${cycle}-${n}`
        const card = `C${cycle}-${n}`
        const created = await expectSuccess(
          'new patient',
          desk.postForm('/patients', {
            card_number: card,
            surname: 'Крашева',
            name: 'Анна',
            patronymic: 'Сергеевна',
            sex: 'female',
            birth_date: '1984-02-29',
            phone: '+7 916 000-00-00',
            confirm_duplicate: '1',
          }),
        )
        const patientId = Number(/^\/patients\/(\d+)/.exec(created.location!)![1])
        acks.push({ kind: 'patient', cycle, card, patientId })

        // Each booking takes a slot of its own: 15 minutes a slot, 40 slots a day from 2027.
        const k = slot++
        const day = new Date(Date.UTC(2027, 0, 4 + Math.floor(k / 40))).toISOString().slice(0, 10)
        const minutes = 8 * 60 + (k % 40) * 15
        const start = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
        await expectSuccess(
          'appointment',
          desk.postForm('/schedule/appointments', {
            patient_id: String(patientId),
            doctor_id: String(doctorId),
            chair_id: String(chairId),
            date: day,
            start,
            duration: '15',
            reason: marker,
            outside_ok: '1',
          }),
        )
        acks.push({ kind: 'appointment', cycle, marker, patientId })

        const visit = await expectSuccess(
          'visit record',
          chair.postForm(`/patients/${patientId}/medical/visits`, {
            visit_date: today,
            doctor_id: String(doctorId),
            complaints: marker,
            objective: 'Слизистая без особенностей.',
          }),
        )
        const recordId = Number(/\/medical\/visits\/(\d+)$/.exec(visit.location!)![1])
        acks.push({ kind: 'visit', cycle, marker, patientId, recordId })

        const png = samplePng(8 + (n % 24), [n & 255, (n >> 8) & 255, cycle & 255])
        await expectSuccess(
          'x-ray upload',
          chair.postFile(
            `/patients/${patientId}/files`,
            { kind: 'xray', description: marker, taken_on: today },
            { name: `${marker}.png`, type: 'image/png', data: png },
          ),
        )
        acks.push({ kind: 'xray', cycle, marker, patientId, sha256: sha(png) })

        const pdf = samplePdf(marker)
        await expectSuccess(
          'document upload',
          desk.postFile(
            `/patients/${patientId}/documents/upload`,
            { kind: 'passport' },
            { name: `${marker}.pdf`, type: 'application/pdf', data: pdf },
          ),
        )
        acks.push({ kind: 'document', cycle, marker, patientId, sha256: sha(pdf) })
      }
    }

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const began = Date.now()
      alive = true
      // The kill lands after a random number of acknowledged writes of this cycle and a
      // random delay: so it hits every step of a story whatever the speed of the machine.
      const killAt = { acks: Math.floor(random() * 10), ms: Math.round(random() * 400) }
      const acked = () => acks.filter((a) => a.cycle === cycle).length
      const stories = Array.from({ length: STORIES }, () =>
        story(cycle).then(
          () => undefined,
          (err: unknown) => {
            if (!(err instanceof NoAnswer)) throw err
          },
        ),
      )
      let failed = false
      for (const p of stories) p.catch(() => void (failed = true))
      const waitFrom = Date.now()
      while (acked() < killAt.acks && !failed && Date.now() - waitFrom < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      await new Promise((resolve) => setTimeout(resolve, killAt.ms))
      alive = false
      await server.kill()
      await Promise.all(stories)

      // The audit chain is checked by the CLI's own code while the server starts again.
      const [audit] = await Promise.all([
        runCli(['audit', 'verify', '--json'], clinic.env),
        server.restart(),
      ])
      expect(audit.exitCode, `cycle ${cycle} (seed ${SEED}): ${audit.stderr}`).toBe(0)
      expect(JSON.parse(audit.stdout), `cycle ${cycle} (seed ${SEED})`).toMatchObject({ ok: true })
      await desk.reconnect()
      await chair.reconnect()

      const db = openSqlite(path.join(clinic.dataDir, 'enamel.db'), { readonly: true })
      try {
        await checkDatabase(db, cycle)
        await checkFiles(db, cycle)
      } finally {
        db.close()
      }
      await checkOverHttp(cycle)
      durations.push(Date.now() - began)
      console.log(
        `crash-safety: cycle ${cycle} killed ${killAt.ms} ms after write ${killAt.acks}, ` +
          `${acks.filter((a) => a.cycle === cycle).length} writes acknowledged, ${Date.now() - began} ms`,
      )
    }
    // And by the `enamel` CLI as an operator runs it, as a process of its own.
    const audit = await runCliProcess(['audit', 'verify', '--json'], clinic.env)
    expect(audit.exitCode, audit.stderr).toBe(0)
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true })
    // Every kind of write was acknowledged, and the kills did not all land between stories.
    const kinds = new Set(acks.map((a) => a.kind))
    expect([...kinds].sort()).toEqual(['appointment', 'document', 'patient', 'visit', 'xray'])
    expect(acks.length).toBeGreaterThan(CYCLES)
    // ~2-3 minutes on two idle cores; a CI box busy with the rest of the suite may take longer.
  }, 1_200_000)

  async function checkDatabase(db: Sqlite, cycle: number) {
    const where = `cycle ${cycle} (seed ${SEED})`
    expect(integrityCheck(db, 'full'), where).toBe('ok')
    expect(db.pragma('foreign_key_check'), where).toEqual([])
    const one = (q: string, ...args: unknown[]) => db.prepare(q).get(...args) as never
    for (const a of acks) {
      const what = `${where}: acknowledged ${a.kind} ${JSON.stringify(a)}`
      if (a.kind === 'patient') {
        expect(one('select id from patients where card_number = ?', a.card), what).toEqual({
          id: a.patientId,
        })
      } else if (a.kind === 'appointment') {
        expect(one('select patient_id from appointments where reason = ?', a.marker), what).toEqual(
          { patient_id: a.patientId },
        )
      } else if (a.kind === 'visit') {
        expect(
          one('select record_id, patient_id from medical_entries where complaints = ?', a.marker),
          what,
        ).toEqual({ record_id: a.recordId, patient_id: a.patientId })
      } else if (a.kind === 'xray') {
        expect(
          one(
            `select m.patient_id, f.sha256 from medical_files m join files f on f.id = m.file_id
             where m.description = ?`,
            a.marker,
          ),
          what,
        ).toEqual({ patient_id: a.patientId, sha256: a.sha256 })
      } else {
        expect(
          one(
            `select d.patient_id, f.sha256 from patient_documents d join files f on f.id = d.file_id
             where d.original_name = ?`,
            `${a.marker}.pdf`,
          ),
          what,
        ).toEqual({ patient_id: a.patientId, sha256: a.sha256 })
      }
    }
  }

  /** Every row has its blob, which decrypts to its hash; nothing on disk is without a row. */
  async function checkFiles(db: Sqlite, cycle: number) {
    const where = `cycle ${cycle} (seed ${SEED})`
    const keys = deriveAppKeys(loadMasterKey(path.join(clinic.dataDir, 'keys', 'master.key')))
    const store = fileStoreFor(clinic.dataDir, keys.files, 1 << 30)
    const rows = db.prepare('select address, sha256, size from files').all() as {
      address: string
      sha256: string
      size: number
    }[]
    for (const row of rows) await readBlob(store, row)
    const known = new Set(rows.map((r) => r.address))
    const onDisk: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else onDisk.push(path.relative(store.dir, full))
      }
    }
    if (existsSync(store.dir)) walk(store.dir)
    const strays = onDisk.filter((f) => !known.has(path.basename(f)) || f.startsWith('tmp'))
    expect(strays, `${where}: files without a row or half-written`).toEqual([])
  }

  /** The writes of this cycle are served over HTTP after the restart. */
  async function checkOverHttp(cycle: number) {
    const where = `cycle ${cycle} (seed ${SEED})`
    for (const a of acks.filter((x) => x.cycle === cycle)) {
      const what = `${where}: ${a.kind} ${JSON.stringify(a)}`
      if (a.kind === 'patient') {
        const r = await desk.get(`/patients/${a.patientId}`)
        expect(r.status, what).toBe(200)
        expect(r.text, what).toContain(a.card)
      } else if (a.kind === 'visit') {
        const r = await chair.get(`/patients/${a.patientId}/medical/visits/${a.recordId}`)
        expect(r.status, what).toBe(200)
        expect(r.text, what).toContain(a.marker)
      } else if (a.kind === 'xray') {
        const r = await chair.get(`/patients/${a.patientId}/files`)
        expect(r.status, what).toBe(200)
        expect(r.text, what).toContain(a.marker)
        const id = new RegExp(`/patients/${a.patientId}/files/(\\d+)"`).exec(r.text)?.[1]
        expect(id, what).toBeDefined()
        const file = await chair.get(`/patients/${a.patientId}/files/${id}`)
        expect(file.status, what).toBe(200)
        expect(sha(file.body), what).toBe(a.sha256)
      } else if (a.kind === 'document') {
        const r = await desk.get(`/patients/${a.patientId}/documents`)
        expect(r.status, what).toBe(200)
        expect(r.text, what).toContain(`${a.marker}.pdf`)
      }
    }
  }
})
