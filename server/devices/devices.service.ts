import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Zone } from '../config.js'
import type { Db } from '../database.js'
import { closeEnrollmentsOfDevice } from '../enrollment/enrollment.service.js'
import { buildCrl, issueDeviceCert, saveCrl, type CaMaterial, type PkiPaths } from '../pki/index.js'
import { removeBundle, writeBundle } from './bundles.js'
import {
  findDeviceById,
  insertDevice,
  listRevokedDevices,
  revokeDevice as markRevoked,
  renameDevice as setName,
  setReplacedBy,
} from './devices.queries.js'

export { bundlesDir } from './bundles.js'

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

function checkedName(raw: string): string {
  const name = raw.trim()
  if (!DEVICE_NAME.test(name)) {
    throw new DeviceError(
      'device name: 1-63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit',
    )
  }
  return name
}

/**
 * Issues a client certificate for a new terminal, records the device and writes its bundle.
 * Key generation happens before the transaction (SQLite has one writer). `replaces` makes it
 * a reissue: the old device is revoked and points at the new one, in the same transaction.
 * @throws DeviceError for an invalid name.
 */
async function issue(
  deps: DeviceDeps,
  actor: AuditActor,
  input: { name: string; zone: Zone; issuedBy: number | null },
  replaces?: { id: number; serial: string; revoked: boolean },
): Promise<IssuedDevice> {
  const name = checkedName(input.name)
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
    if (!replaces) {
      await recordAudit(trx, deps.auditKey, actor, {
        action: 'device.issue',
        details: { device: id, name, zone: input.zone, serial: cert.serialHex },
      })
      return id
    }
    if (!(await setReplacedBy(trx, replaces.id, id))) {
      throw new DeviceError(`device ${replaces.id} has already been replaced`)
    }
    if (!replaces.revoked) await markRevoked(trx, replaces.id, now.toISOString())
    await closeEnrollmentsOfDevice(trx, deps.auditKey, actor, replaces.id, 'replaced', now)
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.reissue',
      details: {
        device: replaces.id,
        replacement: id,
        name,
        zone: input.zone,
        old_serial: replaces.serial,
        serial: cert.serialHex,
      },
    })
    return id
  })
  const p12 = writeBundle(deps.dataDir, id, name, cert.p12)
  return { id, name, zone: input.zone, serial: cert.serialHex, p12, passphrase: cert.passphrase }
}

export function issueDevice(
  deps: DeviceDeps,
  actor: AuditActor,
  input: { name: string; zone: Zone; issuedBy: number | null },
): Promise<IssuedDevice> {
  return issue(deps, actor, input)
}

/**
 * A new certificate for the same name and zone; the old one is revoked (if it was not yet),
 * marked replaced, its enrollment windows closed and its waiting bundle deleted.
 * @throws DeviceError when the device does not exist or was already replaced.
 */
export async function reissueDevice(
  deps: DeviceDeps,
  actor: AuditActor,
  id: number,
): Promise<IssuedDevice & { oldSerial: string; wasActive: boolean }> {
  const old = await findDeviceById(deps.db, id)
  if (!old) throw new DeviceError(`device ${id} does not exist`)
  if (old.replaced_by !== null) throw new DeviceError(`device ${id} has already been replaced`)
  const issued = await issue(
    deps,
    actor,
    { name: old.name, zone: old.zone, issuedBy: actor.staffId },
    { id, serial: old.serial, revoked: old.revoked_at !== null },
  )
  removeBundle(deps.dataDir, id)
  await reissueCrl(deps)
  return { ...issued, oldSerial: old.serial, wasActive: old.revoked_at === null }
}

/**
 * Renames a device. Only the label changes: the certificate keeps the name it was issued
 * with, and the server knows the terminal by its serial.
 * @throws DeviceError for an invalid name or an unknown device.
 */
export async function renameDevice(
  deps: Pick<DeviceDeps, 'db' | 'auditKey'>,
  actor: AuditActor,
  id: number,
  rawName: string,
): Promise<void> {
  const name = checkedName(rawName)
  const device = await findDeviceById(deps.db, id)
  if (!device) throw new DeviceError(`device ${id} does not exist`)
  if (device.name === name) return
  await deps.db.transaction().execute(async (trx) => {
    await setName(trx, id, name)
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.rename',
      details: { device: id, from: device.name, to: name },
    })
  })
}

/**
 * Revokes a device: marks it, closes its enrollment windows, audits it, deletes its waiting
 * bundle and reissues the CRL file. The running server notices within a second (revocation
 * watcher) and closes the device's live connections.
 * @throws DeviceError when the device does not exist or is already revoked.
 */
export async function revokeDevice(deps: DeviceDeps, actor: AuditActor, id: number): Promise<void> {
  const device = await findDeviceById(deps.db, id)
  if (!device) throw new DeviceError(`device ${id} does not exist`)
  if (device.revoked_at) throw new DeviceError(`device ${id} is already revoked`)
  const now = deps.now()
  await deps.db.transaction().execute(async (trx) => {
    await markRevoked(trx, id, now.toISOString())
    await closeEnrollmentsOfDevice(trx, deps.auditKey, actor, id, 'revoked', now)
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.revoke',
      details: { device: id, name: device.name, zone: device.zone, serial: device.serial },
    })
  })
  removeBundle(deps.dataDir, id)
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
