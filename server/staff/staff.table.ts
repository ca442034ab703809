import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export type Role = 'owner' | 'doctor' | 'assistant' | 'receptionist'
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
}

export type Staff = Selectable<StaffTable>
export type NewStaff = Insertable<StaffTable>
export type StaffUpdate = Updateable<StaffTable>
