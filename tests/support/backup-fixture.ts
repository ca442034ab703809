import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CLI_ACTOR, recordAudit } from '../../server/audit/audit.service.js'
import type { BackupDeps } from '../../server/backups/backup-deps.js'
import { loadConfig, type Config } from '../../server/config.js'
import { createMasterKey } from '../../server/crypto/master-key.js'
import type { Database } from '../../server/database.js'
import { kyselyFor, openSqlite } from '../../server/db/connection.js'
import { migrateToLatest } from '../../server/db/migrate.js'
import { migrations } from '../../server/db/migrations/index.js'
import type { ResticRepo } from '../../server/restic/run.js'
import { deriveAppKeys } from '../../server/system/runtime.js'

// Backup test fixtures: a small clinic data dir without a CA (fast), a restic password file,
// and the fake restic on PATH. Not a test file itself.

export const FAKE_RESTIC_DIR = path.resolve(import.meta.dirname, 'fake-restic')

/** A private temp dir removed by `cleanup`. */
export function tempRoot(prefix: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix))
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/** A random restic password in a 0600 file. */
export function passwordFile(dir: string, name = 'restic-password'): string {
  const file = path.join(dir, name)
  writeFileSync(file, randomBytes(24).toString('base64') + '\n', { mode: 0o600 })
  return file
}

/** The environment a backup-enabled Enamel reads. */
export function backupEnv(dataDir: string, repository: string, pwFile: string) {
  return {
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_BACKUP_REPOSITORY: repository,
    ENAMEL_BACKUP_PASSWORD_FILE: pwFile,
    ENAMEL_LOG_LEVEL: 'silent',
  }
}

/**
 * A data dir with a migrated database, a master key, audit events, a few attachments and a
 * pki file: everything a backup run and a drill touch, without generating a CA.
 */
export async function miniClinic(
  root: string,
  repo: Pick<ResticRepo, 'repository' | 'passwordFile'> & Partial<ResticRepo>,
) {
  const dataDir = path.join(root, 'data')
  mkdirSync(path.join(dataDir, 'files', 'ab'), { recursive: true, mode: 0o700 })
  mkdirSync(path.join(dataDir, 'pki'), { recursive: true, mode: 0o700 })
  writeFileSync(path.join(dataDir, 'pki', 'ca.crt'), 'not a real certificate\n')
  for (let i = 0; i < 3; i++) {
    writeFileSync(path.join(dataDir, 'files', 'ab', `blob-${i}`), randomBytes(2048 + i))
  }
  const config: Config = loadConfig(backupEnv(dataDir, repo.repository, repo.passwordFile))
  const keys = deriveAppKeys(createMasterKey(config.masterKeyFile))
  const sqlite = openSqlite(path.join(dataDir, 'enamel.db'))
  const db = kyselyFor<Database>(sqlite)
  await migrateToLatest(db, migrations)
  for (let i = 0; i < 5; i++) {
    await recordAudit(db, keys.audit, CLI_ACTOR, { action: 'test.event', details: { i } })
  }
  const deps: BackupDeps = {
    config,
    sqlite,
    db,
    auditKey: keys.audit,
    repo: { options: [], ...repo },
    now: () => new Date(),
  }
  return { dataDir, config, sqlite, db, keys, deps, close: () => db.destroy() }
}
