import { existsSync, mkdirSync, rmSync } from 'node:fs'
import type { Config } from '../config.js'
import { publicUrl } from '../config.js'
import { CLI_ACTOR, recordAudit } from '../audit/audit.service.js'
import { generateOneTimePassword, hashPassword } from '../auth/password.js'
import { createMasterKey, loadMasterKey } from '../crypto/master-key.js'
import type { Database } from '../database.js'
import { kyselyFor, openSqlite } from '../db/connection.js'
import { migrateToLatest } from '../db/migrate.js'
import { migrations } from '../db/migrations/index.js'
import { bundlesDir, issueDevice, reissueCrl } from '../devices/devices.service.js'
import { createCa, issueServerCert, pkiPaths, saveCa, saveServerCert } from '../pki/index.js'
import { insertStaff } from '../staff/staff.queries.js'
import {
  caPassphrase,
  databaseFile,
  DataDirError,
  deriveAppKeys,
  isInitialized,
} from './runtime.js'

export interface InitResult {
  url: string
  caCert: string
  owner: { login: string; password: string }
  device: { id: number; p12: string; passphrase: string }
}

/**
 * First start of a clinic: master key, database, CA, server certificate, CRL, the owner's
 * account (with a one-time password) and the owner's office device bundle.
 * @throws DataDirError when the data directory is already initialized (nothing is changed).
 */
export async function initDataDir(
  config: Config,
  opts: { ownerLogin?: string; ownerName?: string; now?: () => Date } = {},
): Promise<InitResult> {
  if (isInitialized(config)) {
    throw new DataDirError(`${config.dataDir} is already initialized; refusing to touch it`)
  }
  const now = opts.now ?? (() => new Date())
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const masterExisted = existsSync(config.masterKeyFile)
  try {
    return await initialize(config, opts, now)
  } catch (err) {
    // A failed first start leaves nothing behind, so it can simply be run again.
    for (const p of [pkiPaths(config.dataDir).dir, bundlesDir(config.dataDir)]) {
      rmSync(p, { recursive: true, force: true })
    }
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(databaseFile(config) + suffix, { force: true })
    if (!masterExisted) rmSync(config.masterKeyFile, { force: true })
    throw err
  }
}

async function initialize(
  config: Config,
  opts: { ownerLogin?: string; ownerName?: string },
  now: () => Date,
): Promise<InitResult> {
  // A master key supplied from outside (systemd credential) is used as it is.
  const master = existsSync(config.masterKeyFile)
    ? loadMasterKey(config.masterKeyFile)
    : createMasterKey(config.masterKeyFile)
  const keys = deriveAppKeys(master)

  const pki = pkiPaths(config.dataDir)
  const ca = createCa({ clinicName: config.clinicName, now: now() })
  saveCa(pki, ca, caPassphrase(master))
  saveServerCert(pki, issueServerCert(ca, { names: [...config.publicNames], now: now() }))

  const sqlite = openSqlite(databaseFile(config))
  const db = kyselyFor<Database>(sqlite)
  try {
    await migrateToLatest(db, migrations)
    const password = generateOneTimePassword()
    const login = opts.ownerLogin ?? 'owner'
    const hash = await hashPassword(password)
    const at = now().toISOString()
    const ownerId = await db.transaction().execute(async (trx) => {
      await recordAudit(trx, keys.audit, CLI_ACTOR, {
        action: 'system.init',
        details: { clinic: config.clinicName },
      })
      const id = await insertStaff(trx, {
        login,
        full_name: opts.ownerName ?? 'Владелец клиники',
        role: 'owner',
        password_hash: hash,
        must_change_password: 1,
        locale: null,
        active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: at,
        updated_at: at,
      })
      await recordAudit(trx, keys.audit, CLI_ACTOR, {
        action: 'staff.create',
        details: { staff: id, login, role: 'owner' },
      })
      return id
    })
    const deps = { db, auditKey: keys.audit, ca, pki, dataDir: config.dataDir, now }
    const device = await issueDevice(deps, CLI_ACTOR, {
      name: 'owner-office',
      zone: 'office',
      issuedBy: ownerId,
    })
    await reissueCrl(deps)
    return {
      url: publicUrl(config),
      caCert: pki.caCert,
      owner: { login, password },
      device: { id: device.id, p12: device.p12, passphrase: device.passphrase },
    }
  } finally {
    await db.destroy()
  }
}
