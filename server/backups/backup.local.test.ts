import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { miniClinic, passwordFile, tempRoot } from '../../tests/support/backup-fixture.js'
import { CLI_ACTOR } from '../audit/audit.service.js'
import { initRepository, listSnapshots } from '../restic/commands.js'
import type { ResticRepo } from '../restic/run.js'
import { adviceFor } from './advice.js'
import { runBackup } from './backup.service.js'
import { findLastRun } from './backups.queries.js'
import { runDrill } from './drill.service.js'
import { restoreSnapshot } from './restore.service.js'

// The real restic binary against local repositories (DESIGN.md §7).
describe('backups to a local restic repository', () => {
  const tmp = tempRoot('enamel-backup-local-')
  let clinic: Awaited<ReturnType<typeof miniClinic>>
  let repo: ResticRepo
  const job = { trigger: 'cli' as const, actor: CLI_ACTOR }

  beforeAll(async () => {
    repo = { repository: path.join(tmp.root, 'repo'), passwordFile: passwordFile(tmp.root) }
    clinic = await miniClinic(tmp.root, repo)
    await initRepository(repo)
  })
  afterAll(async () => {
    await clinic.close()
    tmp.cleanup()
  })

  it('runs, lists, drills with a full data read, and restores a proven copy', async () => {
    const run = await runBackup(clinic.deps, job)
    expect(run).toMatchObject({ ok: true, snapshotId: expect.stringMatching(/^[0-9a-f]{8}$/) })
    expect(run.bytesAdded).toBeGreaterThan(0)
    // No copy of the master key stays behind in the staging dir.
    expect(existsSync(path.join(clinic.dataDir, 'backup-staging', 'keys', 'master.key'))).toBe(
      false,
    )
    const snapshots = await listSnapshots(repo, 'enamel')
    expect(snapshots.map((s) => s.shortId)).toEqual([run.snapshotId])
    expect(snapshots[0]!.tags).toEqual(expect.arrayContaining(['enamel', 'version:0.1.0']))

    const drill = await runDrill(clinic.deps, job)
    expect(drill.ok, JSON.stringify(drill)).toBe(true)
    expect(drill.check.mode).toBe('full') // the month's first drill reads everything back
    expect(drill.drill.details).toMatchObject({ files: 6, audit_events: 5 })
    const check = await findLastRun(clinic.db, 'check')
    expect(JSON.parse(check!.details)).toMatchObject({ read_data: 'full' })

    const target = path.join(tmp.root, 'restored')
    const proof = await restoreSnapshot(repo, 'latest', target)
    expect(proof).toMatchObject({ files: 6, auditEvents: 5 })
    expect(readdirSync(target).sort()).toEqual([
      'enamel.db',
      'files',
      'keys',
      'manifest.json',
      'pki',
    ])
    expect(statSync(path.join(target, 'keys/master.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(path.join(target, 'files/ab/blob-1'))).toEqual(
      readFileSync(path.join(clinic.dataDir, 'files/ab/blob-1')),
    )
    await expect(restoreSnapshot(repo, 'latest', target)).rejects.toMatchObject({
      code: 'target_not_empty',
    })
    await expect(restoreSnapshot(repo, '--target=/etc', target)).rejects.toMatchObject({
      code: 'bad_snapshot',
    })
  })

  it('a missing path makes the run fail even though restic 0.14 exits 0', async () => {
    const r = await runBackup(clinic.deps, {
      ...job,
      beforeUpload: async (dir) => rmSync(path.join(dir, 'keys'), { recursive: true }),
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'missing_paths' } })
    expect(r.error!.message).toMatch(/\/keys\/master\.key/)
    expect(await findLastRun(clinic.db, 'run')).toMatchObject({
      outcome: 'failed',
      error_code: 'missing_paths',
    })
  })

  it('a wrong password gives the right classified message', async () => {
    const wrong = { ...repo, passwordFile: passwordFile(tmp.root, 'wrong-password') }
    const r = await runBackup({ ...clinic.deps, repo: wrong }, job)
    expect(r.error?.code).toBe('wrong_password')
    expect(r.error?.message).toMatch(/wrong password/)
    expect(adviceFor('wrong_password')).toMatch(/ENAMEL_BACKUP_PASSWORD_FILE/)
    const missing = { ...repo, repository: path.join(tmp.root, 'no-such-repo') }
    expect((await runBackup({ ...clinic.deps, repo: missing }, job)).error?.code).toBe(
      'repo_missing',
    )
  })

  it('a corrupted pack file is caught by the drill', async () => {
    const bad = { ...repo, repository: path.join(tmp.root, 'repo-to-corrupt') }
    await initRepository(bad)
    const deps = { ...clinic.deps, repo: bad }
    expect((await runBackup(deps, job)).ok).toBe(true)
    const packs = readdirSync(path.join(bad.repository, 'data'), { recursive: true })
      .map((p) => path.join(bad.repository, 'data', String(p)))
      .filter((p) => statSync(p).isFile())
      .sort((a, b) => statSync(b).size - statSync(a).size)
    const pack = packs[0]!
    const bytes = readFileSync(pack)
    const middle = Math.floor(bytes.length / 2)
    for (let i = middle; i < middle + 64; i++) bytes[i] = bytes[i]! ^ 0xff
    writeFileSync(pack, bytes)
    const drill = await runDrill(deps, { ...job, readData: 'full' })
    expect(drill.ok).toBe(false)
    expect(drill.check).toMatchObject({ ok: false, mode: 'full', error: { code: 'check_failed' } })
    expect(await findLastRun(clinic.db, 'check')).toMatchObject({ outcome: 'failed' })
  })

  describe('locks', () => {
    let holder: ChildProcess | undefined
    const lockCount = () => readdirSync(path.join(repo.repository, 'locks')).length
    // A restic that holds a (non-exclusive) lock until killed.
    async function holdLock() {
      holder = spawn('restic', ['backup', '--stdin', '--stdin-filename', 'held'], {
        env: {
          ...process.env,
          RESTIC_REPOSITORY: repo.repository,
          RESTIC_PASSWORD_FILE: repo.passwordFile,
        },
        stdio: ['pipe', 'ignore', 'ignore'],
      })
      for (let i = 0; i < 100 && lockCount() === 0; i++) await new Promise((r) => setTimeout(r, 50))
      expect(lockCount()).toBe(1)
    }
    afterAll(() => void holder?.kill('SIGKILL'))

    it('a live lock is reported, never removed', async () => {
      await holdLock()
      const run = await runBackup(clinic.deps, job)
      // The snapshot is made (backups share locks); retention needs the exclusive lock and waits.
      expect(run.ok).toBe(true)
      const row = await findLastRun(clinic.db, 'run')
      expect(JSON.parse(row!.details).retention_error).toMatch(/^locked: .*already locked/)
      expect(lockCount()).toBe(1)
    })

    it('a lock left by a crashed restic on this machine is removed and the job goes on', async () => {
      holder!.kill('SIGKILL')
      await new Promise((r) => holder!.once('exit', r))
      expect(lockCount()).toBe(1)
      const run = await runBackup(clinic.deps, job)
      expect(run.ok).toBe(true)
      const row = await findLastRun(clinic.db, 'run')
      expect(JSON.parse(row!.details).retention_error).toBeUndefined()
      expect(lockCount()).toBe(0)
    })
  })
})
