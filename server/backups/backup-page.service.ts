import type { RunView, StatusProps } from '../../views/backups/status.partial.js'
import type { BackupsPageProps } from '../../views/backups/backups.page.js'
import type { Services } from '../http/app-env.js'
import type { I18n } from '../i18n/i18n.js'
import { backupControlFor } from './backup-control.js'
import { findLastRun, isStale, listRecentRuns } from './backups.queries.js'
import type { BackupRun } from './backups.table.js'

function toView(r: BackupRun | undefined): RunView | undefined {
  if (!r) return undefined
  let details: Record<string, unknown> = {}
  try {
    details = JSON.parse(r.details) as Record<string, unknown>
  } catch {
    // A row is never unreadable for the page; its figures are just not shown.
  }
  return {
    kind: r.kind,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    outcome: r.outcome,
    snapshotId: r.snapshot_id,
    bytesAdded: r.bytes_added,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    details,
  }
}

/**
 * Everything the backup page shows: the recorded runs from the database and the live state
 * (progress, next runs, cached repository figures) from the running scheduler, if any.
 */
export async function loadBackupView(
  s: Pick<Services, 'db' | 'config' | 'now'>,
  i18n: I18n,
  csrfToken: string,
): Promise<BackupsPageProps> {
  const [lastRun, lastOkRun, lastDrill, lastOkDrill, lastCheck, recent] = await Promise.all([
    findLastRun(s.db, 'run'),
    findLastRun(s.db, 'run', 'ok'),
    findLastRun(s.db, 'drill'),
    findLastRun(s.db, 'drill', 'ok'),
    findLastRun(s.db, 'check'),
    listRecentRuns(s.db, 15),
  ])
  const live = backupControlFor(s.db)?.status()
  const stale = isStale(lastRun, lastOkRun, s.now())
  const running: StatusProps['running'] = live?.running && {
    kind: live.running.kind,
    phase: live.running.phase,
    percent: live.running.percent,
    bytesDone: live.running.bytesDone,
    totalBytes: live.running.totalBytes,
  }
  return {
    i18n,
    csrfToken,
    configured: !!s.config.backup.repository,
    running,
    lastRun: toView(lastRun),
    lastOkRun: toView(lastOkRun),
    lastDrill: toView(lastDrill),
    lastOkDrill: toView(lastOkDrill),
    lastCheck: toView(lastCheck),
    nextRunAt: live?.nextRunAt,
    nextDrillAt: live?.nextDrillAt,
    stale,
    repository: live?.repository && {
      snapshots: live.repository.snapshots,
      sizeBytes: live.repository.sizeBytes,
      fetchedAt: live.repository.fetchedAt,
      failed: !!live.repository.error,
    },
    history: recent.map((r) => toView(r)!),
  }
}
