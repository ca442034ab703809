import type { Generated, Insertable, Selectable } from 'kysely'
import type { Zone } from '../config.js'

export interface DevicesTable {
  id: Generated<number>
  name: string
  zone: Zone
  /** Certificate serial, normalised as Node's getPeerCertificate().serialNumber gives it. */
  serial: string
  fingerprint256: string
  issued_at: string
  not_after: string
  issued_by: number | null
  revoked_at: string | null
  last_seen_at: string | null
  /** The device issued to replace this one (reissue): the old certificate is revoked. */
  replaced_by: number | null
}

export type Device = Selectable<DevicesTable>
export type NewDevice = Insertable<DevicesTable>
