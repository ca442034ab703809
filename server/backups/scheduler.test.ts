import { mkdirSync } from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  FAKE_RESTIC_DIR,
  miniClinic,
  passwordFile,
  tempRoot,
} from '../../tests/support/backup-fixture.js'
import { memoryDb } from '../testing/test-app.js'
import { backupControlFor } from './backup-control.js'
import { insertBackupRun, listRecentRuns } from './backups.queries.js'
import { chooseCheckMode } from './check-mode.js'
import { isoWeek, localParts, nextLocalHour } from './clinic-time.js'
import { BackupScheduler, SYSTEM_ACTOR, type ScheduleOptions } from './scheduler.js'

const until = async (cond: () => Promise<boolean> | boolean, ms = 15_000) => {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('backup scheduler (fake restic)', () => {
  const tmp = tempRoot('enamel-scheduler-')
  let clinic: Awaited<ReturnType<typeof miniClinic>>
  let scheduler: BackupScheduler | undefined
  const state = path.join(tmp.root, 'state')
  const log = pino({ level: 'silent' })

  function start(env: Record<string, string>, opts: Partial<ScheduleOptions> = {}) {
    const repo = {
      ...clinic.deps.repo,
      env: { PATH: `${FAKE_RESTIC_DIR}:${process.env.PATH}`, FAKE_RESTIC_STATE: state, ...env },
    }
    scheduler = new BackupScheduler(
      { ...clinic.deps, repo, log },
      { intervalMs: 60_000, drillHour: 3, retryDelaysMs: [], firstRunDelayMs: 0, ...opts },
    )
    return scheduler
  }

  beforeAll(async () => {
    mkdirSync(state)
    const pw = passwordFile(tmp.root)
    clinic = await miniClinic(tmp.root, { repository: '/nonexistent/repo', passwordFile: pw })
  })
  afterEach(async () => {
    await scheduler?.stop()
    await clinic.db.deleteFrom('backup_runs').execute()
  })
  afterAll(async () => {
    await clinic.close()
    tmp.cleanup()
  })

  it('runs when due, then waits for the next slot; the drill is at 03:00 clinic time', async () => {
    const s = start({})
    await s.start()
    expect(backupControlFor(clinic.db)).toBe(s)
    await until(async () => (await listRecentRuns(clinic.db)).length === 1)
    await s.idle()
    const [row] = await listRecentRuns(clinic.db)
    expect(row).toMatchObject({ kind: 'run', trigger: 'schedule', outcome: 'ok' })
    const status = s.status()
    expect(Date.parse(status.nextRunAt!) - Date.now()).toBeGreaterThan(50_000)
    expect(localParts(new Date(status.nextDrillAt!), 'Europe/Moscow')).toMatchObject({
      hour: 3,
      minute: 0,
    })
    await s.stop()
    expect(backupControlFor(clinic.db)).toBeUndefined()
  })

  it('retries a failed run with backoff, then goes back to the regular slot', async () => {
    const s = start({ FAKE_RESTIC_EXIT: '1' }, { retryDelaysMs: [100, 200] })
    await s.start()
    await until(async () => (await listRecentRuns(clinic.db)).length === 3)
    await s.idle()
    const rows = await listRecentRuns(clinic.db)
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed'])
    const gaps = rows
      .map((r) => Date.parse(r.started_at))
      .reverse()
      .map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!))
    expect(gaps[1]).toBeGreaterThanOrEqual(100)
    expect(gaps[2]).toBeGreaterThanOrEqual(200)
    expect(Date.parse(s.status().nextRunAt!) - Date.now()).toBeGreaterThan(50_000)
  })

  it('never runs two jobs at once', async () => {
    const s = start({}, { firstRunDelayMs: 60_000 })
    await s.start()
    expect(s.startJob('run', SYSTEM_ACTOR)).toBe('started')
    expect(s.startJob('drill', SYSTEM_ACTOR)).toBe('busy')
    expect(s.status().running).toMatchObject({ kind: 'run' })
    await s.idle()
    expect(s.status().running).toBeUndefined()
    expect((await listRecentRuns(clinic.db)).map((r) => r.trigger)).toEqual(['manual'])
  })
})

describe('clinic time and the data-check rotation', () => {
  it('finds the next 03:00 in the clinic time zone', () => {
    const from = new Date('2026-11-29T09:00:00Z')
    expect(nextLocalHour(from, 'Europe/Moscow', 3).toISOString()).toBe('2026-11-30T00:00:00.000Z')
    expect(nextLocalHour(from, 'Asia/Kolkata', 3).toISOString()).toBe('2026-11-29T21:30:00.000Z')
  })

  it('numbers ISO weeks', () => {
    expect(isoWeek(2026, 1, 1)).toEqual({ year: 2026, week: 1 })
    expect(isoWeek(2027, 1, 1)).toEqual({ year: 2026, week: 53 })
    expect(isoWeek(2026, 11, 29)).toEqual({ year: 2026, week: 48 })
  })

  it('reads all data on the first drill of the month, a weekly 1/52 share, else none', async () => {
    const db = await memoryDb()
    const tz = 'Europe/Moscow'
    const now = new Date('2026-11-29T00:00:00Z') // Sunday of ISO week 48
    const add = (at: string, readData: string, outcome: 'ok' | 'failed' = 'ok') =>
      insertBackupRun(db, {
        kind: 'check',
        trigger: 'schedule',
        started_at: at,
        finished_at: at,
        duration_ms: 1,
        outcome,
        snapshot_id: null,
        bytes_added: null,
        files_new: null,
        error_code: null,
        error_message: null,
        details: JSON.stringify({ read_data: readData }),
      })
    expect(await chooseCheckMode(db, now, tz)).toEqual({ readData: 'full' })
    await add('2026-11-01T00:00:00Z', 'full', 'failed')
    expect(await chooseCheckMode(db, now, tz)).toEqual({ readData: 'full' })
    await add('2026-11-02T00:00:00Z', 'full')
    expect(await chooseCheckMode(db, now, tz)).toEqual({ readData: 'subset', n: 48, of: 52 })
    await add('2026-11-28T00:00:00Z', 'subset')
    expect(await chooseCheckMode(db, now, tz)).toEqual({ readData: 'none' })
    // A new month starts with a full read again.
    expect(await chooseCheckMode(db, new Date('2026-12-01T06:00:00Z'), tz)).toEqual({
      readData: 'full',
    })
    expect(await chooseCheckMode(db, now, tz, 'subset')).toEqual({
      readData: 'subset',
      n: 48,
      of: 52,
    })
  })
})
