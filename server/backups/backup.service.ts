import { rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import { backup, listSnapshotPaths } from '../restic/commands.js'
import { forgetAndPrune } from '../restic/maintenance.js'
import { ResticError } from '../restic/errors.js'
import { resticVersion, type ResticRepo } from '../restic/run.js'
import type { BackupDeps, Details, JobOptions, Progress, RunResult } from './backup-deps.js'
import { BackupError, describeFailure } from './backup-error.js'
import { recordRun } from './backup-record.js'
import { enamelVersion, MANIFEST_FILE, type Manifest } from './manifest.js'
import { SNAPSHOT_TAG } from './repo.js'
import { MASTER_KEY_PATH, SNAPSHOT_PATHS, stage, stagingDir } from './staging.js'
import { lockStaging } from './staging-lock.js'
import { lockAwareRepo, withStaleLockRecovery } from './stale-lock.js'

/**
 * One backup run: stage (consistent DB copy, files, pki, keys, manifest) → `restic backup` →
 * prove the snapshot holds every expected path → `forget --prune`. Records a backup_runs row
 * and a 'backup.run' audit event either way. No database transaction is open while restic works.
 * Only restic's exit 0 counts; a failure is returned (recorded), never thrown.
 */
export async function runBackup(deps: BackupDeps, opts: JobOptions): Promise<RunResult> {
  let repo = deps.repo
  const started = deps.now()
  const progress = (p: Progress) => opts.onProgress?.(p)
  let snapshotId: string | undefined
  let summary: Awaited<ReturnType<typeof backup>> | undefined
  const details: Details = {}
  let failure: { code: string; message: string } | undefined
  try {
    progress({ phase: 'prepare' })
    details.restic = (await resticVersion(repo)).text
    repo = await lockAwareRepo(repo)
    const release = lockStaging(stagingDir(deps.config))
    try {
      const staged = await stage(deps.config, deps.sqlite, {
        version: enamelVersion(),
        now: started,
      })
      Object.assign(details, manifestFigures(staged.manifest))
      await opts.beforeUpload?.(staged.dir)
      progress({ phase: 'upload', percent: 0 })
      const tags = [SNAPSHOT_TAG, `host:${safeTag(hostname())}`, `version:${enamelVersion()}`]
      summary = await withStaleLockRecovery(repo, deps.log, () =>
        backup(repo, staged.dir, SNAPSHOT_PATHS, tags, {
          signal: opts.signal,
          onProgress: (p) => progress({ phase: 'upload', ...p }),
        }),
      )
      snapshotId = summary.snapshotId
      progress({ phase: 'verify' })
      await proveSnapshotPaths(repo, summary.snapshotId, staged.manifest)
    } finally {
      // The master key may be a TPM-sealed credential elsewhere: no copy of it stays on disk.
      await rm(path.join(stagingDir(deps.config), MASTER_KEY_PATH), { force: true })
      release()
    }
    progress({ phase: 'retention' })
    try {
      details.removed = await withStaleLockRecovery(repo, deps.log, () =>
        forgetAndPrune(repo, SNAPSHOT_TAG, deps.config.backup.keep, opts.signal),
      )
    } catch (err) {
      // The snapshot is safe; retention simply runs again next time. Recorded, not hidden.
      if (!(err instanceof ResticError)) throw err
      details.retention_error = `${err.code}: ${err.message}`
    }
  } catch (err) {
    failure = describeFailure(err)
  }
  const finished = deps.now()
  const result: RunResult = {
    ok: !failure,
    snapshotId,
    bytesAdded: summary?.dataAdded,
    filesNew: summary?.filesNew,
    durationMs: finished.getTime() - started.getTime(),
    error: failure,
  }
  await recordRun(deps, opts, started, finished, result, details)
  return result
}

/** restic 0.14 exits 0 even when a path was missing: check every expected path is there. */
async function proveSnapshotPaths(repo: ResticRepo, snapshotId: string, manifest: Manifest) {
  const present = await listSnapshotPaths(repo, snapshotId)
  const expected = [MANIFEST_FILE, ...Object.keys(manifest.files)].map((p) => `/${p}`)
  const missing = expected.filter((p) => !present.has(p))
  if (missing.length > 0) {
    throw new BackupError(
      'missing_paths',
      `snapshot ${snapshotId} lacks ${missing.length} expected path(s): ${missing.slice(0, 3).join(', ')}`,
    )
  }
}

function manifestFigures(m: Manifest) {
  const rows = Object.values(m.database.tables).reduce((a, b) => a + b, 0)
  return { files: Object.keys(m.files).length, rows, audit_events: m.database.audit.count }
}

function safeTag(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'unknown'
}
