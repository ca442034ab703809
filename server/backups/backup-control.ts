import type { AuditActor } from '../audit/audit.service.js'
import type { Db } from '../database.js'
import type { Snapshot } from '../restic/commands.js'
import type { Progress } from './backup-deps.js'

export type JobKind = 'run' | 'drill'

/** What the owner's page shows live; restic is never called to render it. */
export interface BackupStatus {
  running?: { kind: JobKind; startedAt: string } & Progress
  nextRunAt?: string
  nextDrillAt?: string
  /** Refreshed after every run and drill (restic snapshots / stats). */
  repository?: {
    snapshots: Snapshot[]
    sizeBytes?: number
    fetchedAt: string
    error?: { code: string; message: string }
  }
}

/** The running server's backups, as the routes see them. */
export interface BackupControl {
  status(): BackupStatus
  /** Starts a job in the background; 'busy' when one is running (runs never overlap). */
  startJob(kind: JobKind, actor: AuditActor): 'started' | 'busy'
}

// The scheduler is created after the app (it needs the opened runtime), so the app's
// Services cannot carry it; the routes find it by the database handle they share.
const controls = new WeakMap<Db, BackupControl>()

export function attachBackupControl(db: Db, control: BackupControl): void {
  controls.set(db, control)
}

export function detachBackupControl(db: Db): void {
  controls.delete(db)
}

export function backupControlFor(db: Db): BackupControl | undefined {
  return controls.get(db)
}
