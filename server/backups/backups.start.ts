import type { Logger } from 'pino'
import type { Runtime } from '../system/runtime.js'
import { resticRepoFromConfig } from './repo.js'
import { BackupScheduler, scheduleFromConfig, type ScheduleOptions } from './scheduler.js'

/**
 * The scheduler for a server about to start, when ENAMEL_BACKUP_REPOSITORY is set; nothing
 * runs until its `start()`. Called before any listener opens, so a password file others may
 * read stops start-up cleanly (checklist 36).
 * @returns undefined when backups are not configured.
 * @throws ConfigError | KeyFileError for an unusable password file.
 */
export function createBackupScheduler(
  rt: Runtime,
  log: Logger,
  overrides: Partial<ScheduleOptions> = {},
): BackupScheduler | undefined {
  if (!rt.config.backup.repository) {
    log.warn('ENAMEL_BACKUP_REPOSITORY is not set: no backups are being made')
    return undefined
  }
  return new BackupScheduler(
    {
      config: rt.config,
      sqlite: rt.sqlite,
      db: rt.db,
      auditKey: rt.keys.audit,
      repo: resticRepoFromConfig(rt.config),
      now: () => new Date(),
      log,
    },
    { ...scheduleFromConfig(rt.config), ...overrides },
  )
}
