import type { Generated, Insertable, Selectable } from 'kysely'

export type BackupKind = 'run' | 'drill' | 'check'
export type BackupTrigger = 'schedule' | 'manual' | 'cli'

export interface BackupRunsTable {
  id: Generated<number>
  /** run: a backup; drill: a restore of the latest snapshot, proven; check: `restic check`. */
  kind: BackupKind
  trigger: BackupTrigger
  started_at: string
  finished_at: string
  duration_ms: number
  outcome: 'ok' | 'failed'
  snapshot_id: string | null
  bytes_added: number | null
  files_new: number | null
  /** A ResticErrorCode or a proof failure (manifest, integrity, counts, audit_chain…). */
  error_code: string | null
  /** restic's own message or what the proof found; never a password or patient data. */
  error_message: string | null
  /** JSON object of further figures. */
  details: Generated<string>
}

export type BackupRun = Selectable<BackupRunsTable>
export type NewBackupRun = Insertable<BackupRunsTable>
