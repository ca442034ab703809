import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statfsSync,
} from 'node:fs'
import { writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMasterKey } from '../server/crypto/master-key.js'
import { integrityCheck, openSqlite } from '../server/db/connection.js'
import { fileStoreFor, readBlob } from '../server/files/file-store.js'
import { samplePdf, samplePng } from '../server/files/test-files.js'
import { clinicToday } from '../server/schedule/clinic-time.js'
import { deriveAppKeys } from '../server/system/runtime.js'
import {
  runCliProcess,
  setUpClinic,
  startEnamel,
  type Clinic,
  type EnamelClient,
  type EnamelServer,
} from './support/enamel-process.js'

// Issue 9.2: the data directory lives on a small tmpfs this test mounts. Below the reserve
// (ENAMEL_MIN_FREE_MB) new records and uploads are refused with a clear 507 page and a log
// line while cards can still be read; with no space at all (and the reserve check off) the
// failures of SQLite and the file store are 507s too, rolled back whole, with no partial file;
// once space returns the same process takes writes again. Mounting needs root, as in CI:
// without it the test fails and says so.

const MiB = 1024 * 1024
const RESERVE_MB = 8
const DISK_FULL_RU = 'На диске сервера не хватает места'

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const free = (dir: string) => {
  const s = statfsSync(dir)
  return s.bavail * s.bsize
}

/** Writes zeros into `file` until only `leave` bytes are free (0: until ENOSPC). */
function fill(file: string, dir: string, leave: number) {
  const fd = openSync(file, 'a')
  const chunk = Buffer.alloc(MiB)
  try {
    for (;;) {
      const room = free(dir) - leave
      if (room <= 0) break
      try {
        writeSync(fd, chunk, 0, Math.min(chunk.length, room))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break
        throw err
      }
    }
  } finally {
    closeSync(fd)
  }
}

async function mountTmpfs(dir: string, size: string) {
  const uid = process.getuid?.()
  if (uid !== 0) {
    throw new Error(
      `the disk-full test mounts a tmpfs and needs root (CI runs as root); this runs as uid ${uid}`,
    )
  }
  const r = await execa('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
    reject: false,
  })
  if (r.exitCode !== 0) {
    throw new Error(`mount -t tmpfs on ${dir} was refused (exit ${r.exitCode}): ${r.stderr}`)
  }
}

describe('disk full: a small tmpfs as the data directory', () => {
  let root: string
  let mnt: string
  let mounted = false
  let clinic: Clinic
  let server: EnamelServer
  let desk: EnamelClient
  let chair: EnamelClient
  let patientId: number
  const ballast: string[] = []
  const timings: string[] = []
  let lastMark = Date.now()
  const mark = (what: string) => {
    timings.push(`${what} ${Date.now() - lastMark} ms`)
    lastMark = Date.now()
  }

  const db = () => openSqlite(path.join(clinic.dataDir, 'enamel.db'), { readonly: true })
  const count = (table: string) => {
    const conn = db()
    try {
      return (conn.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
    } finally {
      conn.close()
    }
  }
  const storeFiles = () => {
    const out: string[] = []
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name))
        else out.push(path.relative(path.join(clinic.dataDir, 'files'), path.join(dir, e.name)))
      }
    }
    if (existsSync(path.join(clinic.dataDir, 'files'))) walk(path.join(clinic.dataDir, 'files'))
    return out.sort()
  }
  const newPatient = (card: string) =>
    desk.postForm('/patients', {
      card_number: card,
      surname: 'Полнодискова',
      name: 'Мария',
      sex: 'female',
      birth_date: '1990-05-17',
      confirm_duplicate: '1',
    })
  const uploadXray = (data: Buffer, marker: string) =>
    chair.postFile(
      `/patients/${patientId}/files`,
      { kind: 'xray', description: marker, taken_on: '' },
      { name: `${marker}.png`, type: 'image/png', data },
    )
  const logsSince = (from: number) => server.logs().slice(from)

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'enamel-diskfull-'))
    mnt = path.join(root, 'disk')
    rmSync(mnt, { recursive: true, force: true })
    await execa('mkdir', ['-p', mnt])
    await mountTmpfs(mnt, '32m')
    mounted = true
    clinic = await setUpClinic(path.join(mnt, 'data'), {
      staff: [
        { login: 'reg', role: 'receptionist' },
        { login: 'doc', role: 'doctor' },
      ],
      devices: [
        { name: 'desk', zone: 'reception' },
        { name: 'chair-1', zone: 'surgery' },
      ],
      env: { ENAMEL_MIN_FREE_MB: String(RESERVE_MB) },
    })
    mark('set-up')
    server = await startEnamel(clinic)
    mark('start')
    desk = server.client(clinic.devices.desk!)
    chair = server.client(clinic.devices['chair-1']!)
    await desk.signIn('reg', clinic.staff.reg!.password)
    await chair.signIn('doc', clinic.staff.doc!.password)
    // A patient of the doctor's (a booking makes the card theirs to open).
    const created = await newPatient('DF-1')
    expect(created.status).toBe(303)
    patientId = Number(/^\/patients\/(\d+)/.exec(created.location!)![1])
    await desk.get('/schedule/settings')
    expect((await desk.postForm('/schedule/chairs', { name: 'Кресло 1' })).status).toBe(303)
    const conn = db()
    const chairId = (conn.prepare('select id from chairs').get() as { id: number }).id
    conn.close()
    const booked = await desk.postForm('/schedule/appointments', {
      patient_id: String(patientId),
      doctor_id: String(clinic.staff.doc!.id),
      chair_id: String(chairId),
      date: '2027-03-01',
      start: '10:00',
      duration: '30',
      reason: 'Осмотр',
      outside_ok: '1',
    })
    expect(booked.status, booked.text.slice(0, 300)).toBe(303)
    mark('sign-in and first records')
  }, 300_000)

  afterAll(async () => {
    await desk?.close()
    await chair?.close()
    await server?.stop()
    if (mounted) {
      const r = await execa('umount', [mnt], { reject: false })
      if (r.exitCode !== 0) await execa('umount', ['-l', mnt], { reject: false })
    }
    if (root) rmSync(root, { recursive: true, force: true })
    console.log(`disk-full: ${timings.join(', ')}`)
  })

  it('below the reserve refuses new records with a clear 507 page and keeps serving reads', async () => {
    const patientsBefore = count('patients')
    const filesBefore = storeFiles()
    ballast.push(path.join(mnt, 'ballast-1'))
    fill(ballast[0]!, mnt, (RESERVE_MB / 2) * MiB)
    expect(free(mnt)).toBeLessThan(RESERVE_MB * MiB)
    const from = server.logs().length

    const refused = await newPatient('DF-2')
    expect(refused.status).toBe(507)
    expect(refused.text).toContain(DISK_FULL_RU)
    expect(refused.text).toContain('ничего не сохранено')
    const upload = await uploadXray(samplePng(12, [1, 2, 3]), 'reserve-upload')
    expect(upload.status).toBe(507)
    expect(upload.text).toContain(DISK_FULL_RU)
    const visit = await chair.postForm(`/patients/${patientId}/medical/visits`, {
      visit_date: clinicToday(new Date(), 'Europe/Moscow'),
      doctor_id: String(clinic.staff.doc!.id),
      complaints: 'Запись при заполненном диске',
    })
    expect(visit.status).toBe(507)

    expect(count('patients')).toBe(patientsBefore)
    expect(storeFiles()).toEqual(filesBefore)
    const refusals = logsSince(from).filter((l) => l.msg === 'disk space low: write refused')
    expect(refusals.map((l) => l.path)).toEqual([
      '/patients',
      `/patients/${patientId}/files`,
      `/patients/${patientId}/medical/visits`,
    ])
    expect(refusals[0]).toMatchObject({ level: 40, reserveBytes: RESERVE_MB * MiB })

    // Reading (and the audit event every read leaves) still works out of the reserve.
    const card = await desk.get(`/patients/${patientId}`)
    expect(card.status).toBe(200)
    expect(card.text).toContain('Полнодискова')
    const medical = await chair.get(`/patients/${patientId}/medical`)
    expect(medical.status).toBe(200)
    expect((await desk.get('/healthz')).status).toBe(200)
    mark('below the reserve')
  }, 300_000)

  it('with no space at all fails whole with 507, leaves no partial file, and serves again once space returns', async () => {
    // The reserve check off, so SQLite and the file store meet the full disk themselves.
    await server.restart({ env: { ENAMEL_MIN_FREE_MB: '0' }, signal: 'SIGTERM' })
    await desk.reconnect()
    await chair.reconnect()
    const pid = server.process!.pid
    // An empty write-ahead log: the next database write needs new space on the disk.
    const rw = openSqlite(path.join(clinic.dataDir, 'enamel.db'))
    expect(rw.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }])
    rw.close()
    const patientsBefore = count('patients')
    const filesBefore = storeFiles()
    ballast.push(path.join(mnt, 'ballast-2'))
    fill(ballast[1]!, mnt, 0)
    expect(free(mnt)).toBe(0)
    const from = server.logs().length

    // Before each request the disk is filled up again: what a failed write freed is taken back.
    const full = () => {
      fill(ballast[1]!, mnt, 0)
      expect(free(mnt)).toBe(0)
    }
    const refused = await newPatient('DF-3')
    expect(refused.status).toBe(507)
    expect(refused.text).toContain(DISK_FULL_RU)
    full()
    const png = samplePng(16, [200, 100, 50])
    const upload = await uploadXray(png, 'full-upload')
    expect(upload.status).toBe(507)
    expect(upload.text).toContain(DISK_FULL_RU)
    const pdf = samplePdf('full-disk passport')
    full()
    const doc = await desk.postFile(
      `/patients/${patientId}/documents/upload`,
      { kind: 'passport' },
      { name: 'passport.pdf', type: 'application/pdf', data: pdf },
    )
    expect(doc.status).toBe(507)
    // A card read must leave its audit event; with none possible the read is refused, clearly.
    full()
    const card = await desk.get(`/patients/${patientId}`)
    expect(card.status).toBe(507)
    expect(card.text).toContain(DISK_FULL_RU)
    expect((await desk.get('/healthz')).status).toBe(200)

    const failures = logsSince(from).filter(
      (l) => l.msg === 'disk full: request failed, nothing was saved',
    )
    expect(failures.map((l) => [l.path, l.code])).toEqual([
      ['/patients', 'SQLITE_FULL'],
      [`/patients/${patientId}/files`, 'ENOSPC'],
      [`/patients/${patientId}/documents/upload`, 'ENOSPC'],
      [`/patients/${patientId}`, 'SQLITE_FULL'],
    ])
    expect(logsSince(from).filter((l) => l.msg === 'request failed')).toEqual([])
    expect(server.output.slice(from).join('\n')).not.toMatch(/\bat \S+ \(/)
    expect(count('patients')).toBe(patientsBefore)
    expect(storeFiles()).toEqual(filesBefore)

    // Space returns: the same process takes writes again, no restart.
    for (const b of ballast) rmSync(b)
    const created = await newPatient('DF-3')
    expect(created.status, created.text.slice(0, 300)).toBe(303)
    const again = await uploadXray(png, 'after-space-returned')
    expect(again.status, again.text.slice(0, 300)).toBe(303)
    const docAgain = await desk.postFile(
      `/patients/${patientId}/documents/upload`,
      { kind: 'passport' },
      { name: 'passport.pdf', type: 'application/pdf', data: pdf },
    )
    expect(docAgain.status).toBe(303)
    expect((await desk.get(`/patients/${patientId}`)).status).toBe(200)
    expect(server.process!.pid).toBe(pid)

    const conn = db()
    try {
      expect(integrityCheck(conn, 'full')).toBe('ok')
      expect(count('patients')).toBe(patientsBefore + 1)
      const rows = conn.prepare('select address, sha256, size from files').all() as {
        address: string
        sha256: string
        size: number
      }[]
      const keys = deriveAppKeys(loadMasterKey(path.join(clinic.dataDir, 'keys', 'master.key')))
      const store = fileStoreFor(clinic.dataDir, keys.files, 1 << 30)
      const plain = await Promise.all(rows.map((r) => readBlob(store, r)))
      expect(plain.map(sha)).toEqual(expect.arrayContaining([sha(png), sha(pdf)]))
      const known = new Set(rows.map((r) => r.address))
      expect(storeFiles().filter((f) => !known.has(path.basename(f)))).toEqual([])
    } finally {
      conn.close()
    }
    const audit = await runCliProcess(['audit', 'verify', '--json'], clinic.env)
    expect(audit.exitCode, audit.stderr).toBe(0)
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true })
    mark('no space, then space again')
  }, 300_000)
})
