import type { DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'
import type { BackupKind, BackupRun, NewBackupRun } from './backups.table.js'

export async function insertBackupRun(db: DbOrTrx, run: NewBackupRun): Promise<number> {
  const row = await db
    .insertInto('backup_runs')
    .values(run)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The newest row of a kind, or the newest with that outcome. */
export function findLastRun(
  db: DbOrTrx,
  kind: BackupKind,
  outcome?: 'ok' | 'failed',
): Promise<BackupRun | undefined> {
  let q = db.selectFrom('backup_runs').selectAll().where('kind', '=', kind)
  if (outcome) q = q.where('outcome', '=', outcome)
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export function listRecentRuns(db: DbOrTrx, limit = 20): Promise<BackupRun[]> {
  return db
    .selectFrom('backup_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Successful `restic check` rows since `sinceIso`, for choosing how much data to read back. */
export function listChecksSince(db: DbOrTrx, sinceIso: string) {
  return db
    .selectFrom('backup_runs')
    .select(['started_at', 'details'])
    .where('kind', '=', 'check')
    .where('outcome', '=', 'ok')
    .where('started_at', '>=', sinceIso)
    .execute()
}

export const STALE_AFTER_MS = 24 * 3600_000

// Run on every office and surgery page: only the two columns the verdict needs, compiled once.
const latestOfKind = (db: DbOrTrx, kind: BackupKind) =>
  db
    .selectFrom('backup_runs')
    .select(['outcome', 'finished_at'])
    .where('kind', '=', kind)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
const lastOfKind = prepared((db, p: { kind: BackupKind }) => latestOfKind(db, p.kind))
const lastOkOfKind = prepared((db, p: { kind: BackupKind }) =>
  latestOfKind(db, p.kind).where('outcome', '=', 'ok'),
)

/**
 * What the banner on office and surgery pages should warn about:
 * - 'drill_failed' when the newest restore drill or repository check failed;
 * - 'stale' when backups have run here but none succeeded in the last 24 hours;
 * - undefined when all is well, or when no backup has ever been attempted (backups are not
 *   set up; the owner's backup page says so).
 */
export async function backupBanner(
  db: DbOrTrx,
  now: Date,
): Promise<'stale' | 'drill_failed' | undefined> {
  const [lastDrill, lastCheck, lastRun, lastOk] = await Promise.all([
    lastOfKind.first(db, { kind: 'drill' }),
    lastOfKind.first(db, { kind: 'check' }),
    lastOfKind.first(db, { kind: 'run' }),
    lastOkOfKind.first(db, { kind: 'run' }),
  ])
  if (lastDrill?.outcome === 'failed' || lastCheck?.outcome === 'failed') return 'drill_failed'
  return isStale(lastRun, lastOk, now) ? 'stale' : undefined
}

/** Backups have run here, but none succeeded within the last 24 hours. */
export function isStale(
  lastRun: Pick<BackupRun, 'finished_at'> | undefined,
  lastOk: Pick<BackupRun, 'finished_at'> | undefined,
  now: Date,
) {
  if (!lastRun) return false
  return !lastOk || now.getTime() - Date.parse(lastOk.finished_at) > STALE_AFTER_MS
}
