import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

import type { Role } from '../policy/permissions.js'

export type { Role }
export const ROLES: readonly Role[] = ['owner', 'doctor', 'assistant', 'receptionist']

export interface StaffTable {
  id: Generated<number>
  login: string
  full_name: string
  role: Role
  /** argon2id PHC string; parameters live in it, so a change of parameters is detectable. */
  password_hash: string
  must_change_password: number
  locale: 'ru' | 'en' | null
  active: number
  failed_logins: number
  locked_until: string | null
  created_at: string
  updated_at: string
  /** Base32 TOTP secret, encrypted (AES-256-GCM) with a key derived from the master key. */
  totp_secret: string | null
  totp_enabled: Generated<number>
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totp_last_step: number | null
}

export type Staff = Selectable<StaffTable>
export type NewStaff = Insertable<StaffTable>
export type StaffUpdate = Updateable<StaffTable>
