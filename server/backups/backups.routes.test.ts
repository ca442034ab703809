import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditActor } from '../audit/audit.service.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'
import {
  attachBackupControl,
  detachBackupControl,
  type BackupControl,
  type BackupStatus,
} from './backup-control.js'
import { backupBanner, insertBackupRun } from './backups.queries.js'
import type { NewBackupRun } from './backups.table.js'

const CONFIGURED = {
  ENAMEL_BACKUP_REPOSITORY: 'sftp:backup@nas.clinic.lan:/enamel',
  ENAMEL_BACKUP_PASSWORD_FILE: '/etc/enamel/restic-password',
}

function run(over: Partial<NewBackupRun>): NewBackupRun {
  return {
    kind: 'run',
    trigger: 'schedule',
    started_at: '2026-11-29T08:00:00.000Z',
    finished_at: '2026-11-29T08:00:02.500Z',
    duration_ms: 2500,
    outcome: 'ok',
    snapshot_id: '3b00e7c9',
    bytes_added: 1536 * 1024,
    files_new: 3,
    error_code: null,
    error_message: null,
    details: '{}',
    ...over,
  }
}

/** A stand-in for the running scheduler: the routes only see this interface. */
function stubControl(status: BackupStatus) {
  const started: [string, AuditActor][] = []
  const control: BackupControl = {
    status: () => status,
    startJob: (kind, actor) => {
      if (status.running) return 'busy'
      started.push([kind, actor])
      return 'started'
    },
  }
  return { control, started }
}

describe('/admin/backups', () => {
  let t: TestApp

  beforeEach(async () => {
    t = await createTestApp({ env: CONFIGURED })
    for (const role of ['owner', 'doctor', 'receptionist'] as const) await t.addStaff(role, role)
  })
  afterEach(() => detachBackupControl(t.db))

  async function as(role: string, zone: 'reception' | 'surgery' | 'office') {
    const b = t.browser(await t.addDevice(zone))
    await b.login(role)
    return b
  }

  it('is refused to the receptionist, the doctor, and the owner outside the office', async () => {
    const refused = [
      await as('receptionist', 'reception'),
      await as('doctor', 'surgery'),
      await as('doctor', 'office'),
      await as('owner', 'reception'),
      await as('owner', 'surgery'),
    ]
    const { control, started } = stubControl({})
    attachBackupControl(t.db, control)
    for (const b of refused) {
      expect((await b.request('/admin/backups')).status).toBe(403)
      expect((await b.request('/admin/backups/progress')).status).toBe(403)
      expect((await b.post('/admin/backups/run')).status).toBe(403)
      expect((await b.post('/admin/backups/verify')).status).toBe(403)
    }
    expect(started).toEqual([])
  })

  it('shows the last backup, the last proven drill, and failures in red with what to do', async () => {
    await insertBackupRun(t.db, run({}))
    await insertBackupRun(
      t.db,
      run({
        kind: 'drill',
        started_at: '2026-11-29T08:10:00.000Z',
        details: JSON.stringify({ files: 12, rows: 345, audit_events: 67 }),
      }),
    )
    await insertBackupRun(
      t.db,
      run({
        kind: 'drill',
        started_at: '2026-11-29T08:20:00.000Z',
        outcome: 'failed',
        error_code: 'wrong_password',
        error_message: 'wrong password or no key found',
      }),
    )
    const owner = await as('owner', 'office')
    const html = await (await owner.request('/admin/backups')).text()
    expect(html).toContain('29.11.2026, 11:00, за 2,5 с, добавлено 1,5 МБ, снимок 3b00e7c9')
    expect(html).toContain('снимок 3b00e7c9 восстановлен и проверен — файлов 12, строк 345')
    expect(html).toMatch(/class="error-box backup-failure" role="alert"/)
    expect(html).toContain('Неверный пароль хранилища')
    expect(html).toContain('Сообщение restic: wrong password or no key found')
    expect(html).not.toContain('backup-proven')
    expect(await backupBanner(t.db, t.clock.now())).toBe('drill_failed')
  })

  it('starts a job in the background and polls progress without counting as activity', async () => {
    const owner = await as('owner', 'office')
    const idle = stubControl({ nextRunAt: '2026-11-29T10:00:00.000Z' })
    attachBackupControl(t.db, idle.control)
    const res = await owner.post('/admin/backups/run', {}, { 'hx-request': 'true' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Запущено.')
    expect(idle.started).toEqual([['run', expect.objectContaining({ zone: 'office' })]])
    expect((await owner.post('/admin/backups/verify')).headers.get('location')).toBe(
      '/admin/backups',
    )
    expect(idle.started.map(([k]) => k)).toEqual(['run', 'drill'])

    detachBackupControl(t.db)
    const busy = stubControl({
      running: {
        kind: 'run',
        startedAt: '2026-11-29T09:00:00.000Z',
        phase: 'upload',
        percent: 42.5,
        bytesDone: 425 * 1024,
        totalBytes: 1000 * 1024,
      },
    })
    attachBackupControl(t.db, busy.control)
    const activity = () =>
      t.db
        .selectFrom('sessions')
        .select('last_activity_at')
        .where('ended_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    const before = await activity()
    t.clock.advance(60_000)
    const poll = await owner.request('/admin/backups/progress', {
      headers: { 'hx-request': 'true', 'x-enamel-background': '1' },
    })
    expect(await activity()).toEqual(before)
    const partial = await poll.text()
    expect(partial).toMatch(/^<section id="backup-status"/)
    expect(partial).toContain('hx-trigger="every 2s"')
    expect(partial).toContain('hx-headers="{&quot;x-enamel-background&quot;:&quot;1&quot;}"')
    expect(partial).toContain('<progress max="100" value="42.5">')
    expect(partial).toContain('отправка в хранилище')
    const again = await owner.post('/admin/backups/run', {}, { 'hx-request': 'true' })
    expect(await again.text()).toContain('Уже выполняется другая операция')
    expect(busy.started).toEqual([])
  })

  it('says when backups are not set up, and refuses to start one', async () => {
    t = await createTestApp()
    await t.addStaff('owner', 'owner')
    const owner = await as('owner', 'office')
    const html = await (await owner.request('/admin/backups')).text()
    expect(html).toContain('Резервное копирование не настроено')
    expect(html).not.toContain('Сделать копию сейчас')
    expect((await owner.post('/admin/backups/run')).status).toBe(409)
  })
})

describe('backupBanner', () => {
  it('warns when the last good backup is over 24 hours old or the last drill failed', async () => {
    const t = await createTestApp()
    const now = new Date('2026-11-30T12:00:00.000Z')
    expect(await backupBanner(t.db, now)).toBeUndefined() // never set up: the page says so
    await insertBackupRun(t.db, run({ outcome: 'failed', error_code: 'repo_unreachable' }))
    expect(await backupBanner(t.db, now)).toBe('stale')
    await insertBackupRun(
      t.db,
      run({ started_at: '2026-11-29T11:00:00.000Z', finished_at: '2026-11-29T11:00:05.000Z' }),
    )
    expect(await backupBanner(t.db, now)).toBe('stale')
    await insertBackupRun(
      t.db,
      run({ started_at: '2026-11-30T11:00:00.000Z', finished_at: '2026-11-30T11:00:05.000Z' }),
    )
    expect(await backupBanner(t.db, now)).toBeUndefined()
    await insertBackupRun(
      t.db,
      run({ kind: 'check', outcome: 'failed', error_code: 'check_failed' }),
    )
    expect(await backupBanner(t.db, now)).toBe('drill_failed')
  })
})
