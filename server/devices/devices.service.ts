import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Zone } from '../config.js'
import type { Db } from '../database.js'
import { buildCrl, issueDeviceCert, saveCrl, type CaMaterial, type PkiPaths } from '../pki/index.js'
import {
  findDeviceById,
  insertDevice,
  listRevokedDevices,
  revokeDevice as markRevoked,
} from './devices.queries.js'

export interface DeviceDeps {
  db: Db
  auditKey: Buffer
  ca: CaMaterial
  pki: PkiPaths
  dataDir: string
  now: () => Date
}

export interface IssuedDevice {
  id: number
  name: string
  zone: Zone
  serial: string
  /** Path of the PKCS#12 bundle written for the operator to carry to the terminal (0600). */
  p12: string
  passphrase: string
}

/** Thrown for an operator mistake (unknown device, bad name); the message is one line. */
export class DeviceError extends Error {
  override name = 'DeviceError'
}

export const DEVICE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,62}$/u

/** Folder of bundles waiting to be carried to their terminals. */
export function bundlesDir(dataDir: string): string {
  return path.join(dataDir, 'devices')
}

/**
 * Issues a client certificate for a new terminal, records the device and writes its bundle.
 * Key generation happens before the transaction (SQLite has one writer).
 * @throws DeviceError for an invalid name.
 */
export async function issueDevice(
  deps: DeviceDeps,
  actor: AuditActor,
  input: { name: string; zone: Zone; issuedBy: number | null },
): Promise<IssuedDevice> {
  const name = input.name.trim()
  if (!DEVICE_NAME.test(name)) {
    throw new DeviceError(
      'device name: 1-63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit',
    )
  }
  const now = deps.now()
  const cert = issueDeviceCert(deps.ca, { name, zone: input.zone, now })
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertDevice(trx, {
      name,
      zone: input.zone,
      serial: cert.serialHex,
      fingerprint256: cert.fingerprint256,
      issued_at: now.toISOString(),
      not_after: cert.notAfter.toISOString(),
      issued_by: input.issuedBy,
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.issue',
      details: { device: id, name, zone: input.zone, serial: cert.serialHex },
    })
    return id
  })
  const dir = bundlesDir(deps.dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'device'
  const file = path.join(dir, `${id}-${slug}.p12`)
  writeFileSync(file, cert.p12, { mode: 0o600 })
  return {
    id,
    name,
    zone: input.zone,
    serial: cert.serialHex,
    p12: file,
    passphrase: cert.passphrase,
  }
}

/**
 * Revokes a device: marks it, audits it and reissues the CRL file. The running server
 * notices within a second (revocation watcher) and closes the device's live connections.
 * @throws DeviceError when the device does not exist or is already revoked.
 */
export async function revokeDevice(deps: DeviceDeps, actor: AuditActor, id: number): Promise<void> {
  const device = await findDeviceById(deps.db, id)
  if (!device) throw new DeviceError(`device ${id} does not exist`)
  if (device.revoked_at) throw new DeviceError(`device ${id} is already revoked`)
  await deps.db.transaction().execute(async (trx) => {
    await markRevoked(trx, id, deps.now().toISOString())
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.revoke',
      details: { device: id, name: device.name, zone: device.zone, serial: device.serial },
    })
  })
  await reissueCrl(deps)
}

/** Builds a fresh CRL from the database and writes it atomically; returns its PEM. */
export async function reissueCrl(
  deps: Pick<DeviceDeps, 'db' | 'ca' | 'pki' | 'now'>,
): Promise<string> {
  const revoked = await listRevokedDevices(deps.db)
  const pem = await buildCrl(
    deps.ca,
    revoked.map((d) => ({ serialHex: d.serial, revokedAt: new Date(d.revoked_at!) })),
    { now: deps.now() },
  )
  saveCrl(deps.pki, pem)
  return pem
}
