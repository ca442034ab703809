import type { DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'
import type { Device, NewDevice } from './devices.table.js'

// Every request resolves its terminal (fail closed on a revocation the CRL has not yet carried).
const deviceBySerial = prepared((db, p: { serial: string }) =>
  db.selectFrom('devices').selectAll().where('serial', '=', p.serial),
)

export function findDeviceBySerial(db: DbOrTrx, serial: string): Promise<Device | undefined> {
  return deviceBySerial.first(db, { serial })
}

export function findDeviceById(db: DbOrTrx, id: number): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertDevice(db: DbOrTrx, device: NewDevice): Promise<number> {
  const row = await db
    .insertInto('devices')
    .values(device)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function listDevices(db: DbOrTrx): Promise<Device[]> {
  return db.selectFrom('devices').selectAll().orderBy('id').execute()
}

export function listRevokedDevices(db: DbOrTrx) {
  return db
    .selectFrom('devices')
    .select(['serial', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .orderBy('id')
    .execute()
}

/** Marks a device revoked; returns false when it was unknown or already revoked. */
export async function revokeDevice(db: DbOrTrx, id: number, at: string): Promise<boolean> {
  const res = await db
    .updateTable('devices')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function touchDevice(db: DbOrTrx, id: number, at: string): Promise<void> {
  await db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute()
}

/** The columns the owner's pages show (never the fingerprint: it is of no use to a person). */
const SUMMARY = [
  'id',
  'name',
  'zone',
  'serial',
  'issued_at',
  'not_after',
  'last_seen_at',
  'revoked_at',
  'replaced_by',
] as const

export function listDeviceSummaries(db: DbOrTrx) {
  return db.selectFrom('devices').select(SUMMARY).orderBy('id').execute()
}

export function findDeviceSummary(db: DbOrTrx, id: number) {
  return db.selectFrom('devices').select(SUMMARY).where('id', '=', id).executeTakeFirst()
}

export async function renameDevice(db: DbOrTrx, id: number, name: string): Promise<void> {
  await db.updateTable('devices').set({ name }).where('id', '=', id).execute()
}

/** Links a reissued device to its replacement; false when it was already replaced. */
export async function setReplacedBy(
  db: DbOrTrx,
  id: number,
  replacement: number,
): Promise<boolean> {
  const res = await db
    .updateTable('devices')
    .set({ replaced_by: replacement })
    .where('id', '=', id)
    .where('replaced_by', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}
