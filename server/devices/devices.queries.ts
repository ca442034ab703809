import type { DbOrTrx } from '../database.js'
import type { Device, NewDevice } from './devices.table.js'

export function findDeviceBySerial(db: DbOrTrx, serial: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('serial', '=', serial).executeTakeFirst()
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
