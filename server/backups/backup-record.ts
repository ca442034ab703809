import { recordAudit } from '../audit/audit.service.js'
import type { CheckMode } from '../restic/maintenance.js'
import type { BackupDeps, Details, Failure, JobOptions, RunResult } from './backup-deps.js'
import { insertBackupRun } from './backups.queries.js'
import type { BackupKind } from './backups.table.js'
import type { DrillResult } from './drill.service.js'

// The record of every job: backup_runs rows and the audit event, in one short transaction
// opened after restic has finished (never while it works).

/** A backup run: one 'run' row and a 'backup.run' event. */
export async function recordRun(
  deps: BackupDeps,
  opts: JobOptions,
  started: Date,
  finished: Date,
  r: RunResult,
  details: Details,
) {
  await deps.db.transaction().execute(async (trx) => {
    await insertBackupRun(trx, {
      kind: 'run',
      trigger: opts.trigger,
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: r.durationMs,
      outcome: r.ok ? 'ok' : 'failed',
      snapshot_id: r.snapshotId ?? null,
      bytes_added: r.bytesAdded ?? null,
      files_new: r.filesNew ?? null,
      error_code: r.error?.code ?? null,
      error_message: r.error?.message ?? null,
      details: JSON.stringify(details),
    })
    await recordAudit(
      trx,
      deps.auditKey,
      opts.actor,
      {
        action: 'backup.run',
        outcome: r.ok ? 'ok' : 'failed',
        details: {
          trigger: opts.trigger,
          snapshot: r.snapshotId ?? null,
          bytes_added: r.bytesAdded ?? null,
          duration_ms: r.durationMs,
          error: r.error?.code ?? null,
          ...details,
        },
      },
      finished,
    )
  })
}

/** A drill: a 'drill' row, a 'check' row and one 'backup.verify' event. */
export async function recordDrill(
  deps: BackupDeps,
  opts: JobOptions,
  r: DrillResult,
  at: { drillStart: Date; drillEnd: Date; checkEnd: Date },
  mode: CheckMode,
) {
  const row = (
    kind: BackupKind,
    start: Date,
    end: Date,
    error: Failure | undefined,
    details: Details,
  ) => ({
    kind,
    trigger: opts.trigger,
    started_at: start.toISOString(),
    finished_at: end.toISOString(),
    duration_ms: +end - +start,
    outcome: error ? ('failed' as const) : ('ok' as const),
    snapshot_id: r.snapshotId ?? null,
    bytes_added: null,
    files_new: null,
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
    details: JSON.stringify(details),
  })
  await deps.db.transaction().execute(async (trx) => {
    await insertBackupRun(
      trx,
      row('drill', at.drillStart, at.drillEnd, r.drill.error, r.drill.details),
    )
    await insertBackupRun(
      trx,
      row('check', at.drillEnd, at.checkEnd, r.check.error, {
        read_data: mode.readData,
        subset: mode.readData === 'subset' ? `${mode.n}/${mode.of}` : null,
      }),
    )
    await recordAudit(
      trx,
      deps.auditKey,
      opts.actor,
      {
        action: 'backup.verify',
        outcome: r.ok ? 'ok' : 'failed',
        details: {
          trigger: opts.trigger,
          snapshot: r.snapshotId ?? null,
          drill: r.drill.error?.code ?? 'ok',
          check: r.check.error?.code ?? 'ok',
          check_mode: r.check.mode,
          duration_ms: +at.checkEnd - +at.drillStart,
          files: r.drill.details.files ?? null,
          rows: r.drill.details.rows ?? null,
          audit_events: r.drill.details.audit_events ?? null,
        },
      },
      at.checkEnd,
    )
  })
}
