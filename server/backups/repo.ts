import { ConfigError, readSecretFile, type Config } from '../config.js'
import { assertPrivateMode } from '../crypto/master-key.js'
import type { ResticRepo } from '../restic/run.js'

/** The tag on every Enamel snapshot; retention and `latest` only ever look at these. */
export const SNAPSHOT_TAG = 'enamel'

/**
 * The configured restic repository. The password stays in its file (RESTIC_PASSWORD_FILE),
 * never on a command line, in the environment or in a log.
 * @throws ConfigError when backups are not configured or the password file is unreadable
 *   or empty; KeyFileError when group or others may read it.
 */
export function resticRepoFromConfig(
  config: Pick<Config, 'backup'>,
  extra: Pick<ResticRepo, 'binary' | 'env'> = {},
): ResticRepo {
  const { repository, passwordFile, sftpCommand } = config.backup
  if (!repository) {
    throw new ConfigError(
      'ENAMEL_BACKUP_REPOSITORY: not set, so backups are off (see README, "Backup and restore")',
    )
  }
  if (!passwordFile) {
    throw new ConfigError('ENAMEL_BACKUP_PASSWORD_FILE: expected a file path (required)')
  }
  if (readSecretFile(passwordFile, 'ENAMEL_BACKUP_PASSWORD_FILE') === '') {
    throw new ConfigError(`ENAMEL_BACKUP_PASSWORD_FILE: ${passwordFile} is empty`)
  }
  assertPrivateMode(passwordFile)
  return {
    repository,
    passwordFile,
    options: sftpCommand ? ['-o', `sftp.command=${sftpCommand}`] : [],
    ...extra,
  }
}
