import { chmodSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempRoot } from '../../tests/support/backup-fixture.js'
import { ConfigError, loadConfig } from '../config.js'
import { KeyFileError } from '../crypto/master-key.js'
import { redactRepository } from './advice.js'
import { resticRepoFromConfig } from './repo.js'

describe('backup configuration', () => {
  const tmp = tempRoot('enamel-backup-config-')
  afterAll(() => tmp.cleanup())
  const base = { ENAMEL_DATA_DIR: tmp.root }

  it('defaults to hourly backups, a 03:00 drill and the 25-year retention', () => {
    expect(loadConfig(base).backup).toEqual({
      repository: undefined,
      passwordFile: undefined,
      sftpCommand: undefined,
      intervalMinutes: 60,
      drillHour: 3,
      keep: { hourly: 24, daily: 14, weekly: 8, monthly: 24, yearly: 25 },
    })
  })

  it('refuses bad values with one line naming the variable', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [
        { ENAMEL_BACKUP_KEEP_YEARLY: '10' },
        /^ENAMEL_BACKUP_KEEP_YEARLY: expected a whole number 25-10000 .* \(got "10"\)$/,
      ],
      [{ ENAMEL_BACKUP_DRILL_HOUR: '24' }, /^ENAMEL_BACKUP_DRILL_HOUR: expected an hour 0-23/],
      [
        { ENAMEL_BACKUP_REPOSITORY: 'backups', ENAMEL_BACKUP_PASSWORD_FILE: '/x' },
        /^ENAMEL_BACKUP_REPOSITORY: expected a restic repository/,
      ],
      [
        { ENAMEL_BACKUP_REPOSITORY: '--no-lock', ENAMEL_BACKUP_PASSWORD_FILE: '/x' },
        /^ENAMEL_BACKUP_REPOSITORY: expected/,
      ],
      [
        { ENAMEL_BACKUP_REPOSITORY: '/srv/repo' },
        /^ENAMEL_BACKUP_PASSWORD_FILE: expected a file path holding the restic password \(required with ENAMEL_BACKUP_REPOSITORY\)$/,
      ],
      [
        { ENAMEL_BACKUP_SFTP_COMMAND: 'rm -rf /' },
        /^ENAMEL_BACKUP_SFTP_COMMAND: expected an ssh command line/,
      ],
    ]
    for (const [env, message] of bad) {
      expect(() => loadConfig({ ...base, ...env }), JSON.stringify(env)).toThrow(ConfigError)
      expect(() => loadConfig({ ...base, ...env })).toThrow(message)
    }
  })

  it('reads the password only from a private, non-empty file, and passes sftp.command as one argument', () => {
    const file = path.join(tmp.root, 'pw')
    const config = (extra: Record<string, string> = {}) =>
      loadConfig({
        ...base,
        ENAMEL_BACKUP_REPOSITORY: 'sftp:backup@nas:/enamel',
        ENAMEL_BACKUP_PASSWORD_FILE: file,
        ...extra,
      })
    expect(() => resticRepoFromConfig(config())).toThrow(
      /ENAMEL_BACKUP_PASSWORD_FILE: cannot read .* \(ENOENT\)/,
    )
    writeFileSync(file, '\n', { mode: 0o600 })
    expect(() => resticRepoFromConfig(config())).toThrow(/is empty/)
    writeFileSync(file, 'correct horse\n')
    chmodSync(file, 0o640)
    expect(() => resticRepoFromConfig(config())).toThrow(KeyFileError)
    chmodSync(file, 0o600)
    const ssh = 'ssh -i /etc/enamel/backup_key -p 2222 backup@nas -s sftp'
    expect(resticRepoFromConfig(config({ ENAMEL_BACKUP_SFTP_COMMAND: ssh }))).toEqual({
      repository: 'sftp:backup@nas:/enamel',
      passwordFile: file,
      options: ['-o', `sftp.command=${ssh}`],
    })
    expect(() => resticRepoFromConfig(loadConfig(base))).toThrow(
      /ENAMEL_BACKUP_REPOSITORY: not set/,
    )
  })

  it('never shows credentials a repository string carries', () => {
    expect(redactRepository('rest:https://clinic:s3cret@backup.example:8000/enamel')).toBe(
      'rest:https://***@backup.example:8000/enamel',
    )
    expect(redactRepository('sftp:backup@nas:/enamel')).toBe('sftp:backup@nas:/enamel')
  })
})
