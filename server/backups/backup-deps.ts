import type { Logger } from 'pino'
import type { AuditActor } from '../audit/audit.service.js'
import type { Config } from '../config.js'
import type { Db } from '../database.js'
import type { Sqlite } from '../db/connection.js'
import type { BackupProgress } from '../restic/commands.js'
import type { ResticRepo } from '../restic/run.js'
import type { BackupTrigger } from './backups.table.js'

/** What a backup run needs: the app's own SQLite handle (for the online backup) and more. */
export interface BackupDeps {
  config: Pick<Config, 'dataDir' | 'masterKeyFile' | 'backup' | 'timeZone'>
  sqlite: Sqlite
  db: Db
  auditKey: Buffer
  repo: ResticRepo
  now: () => Date
  log?: Logger
}

export type Phase = 'prepare' | 'upload' | 'verify' | 'retention' | 'restore' | 'prove' | 'check'
export type Progress = { phase: Phase } & Partial<BackupProgress>

export interface JobOptions {
  trigger: BackupTrigger
  actor: AuditActor
  onProgress?: (p: Progress) => void
  signal?: AbortSignal
  /** Test seam: runs after staging, before restic reads the staging dir. */
  beforeUpload?: (dir: string) => Promise<void>
}

export interface RunResult {
  ok: boolean
  snapshotId?: string
  bytesAdded?: number
  filesNew?: number
  durationMs: number
  error?: { code: string; message: string }
}

export type Details = Record<string, string | number | boolean | null>
export type Failure = { code: string; message: string }
