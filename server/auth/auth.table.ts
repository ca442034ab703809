import type { Generated, Selectable } from 'kysely'

export interface SessionsTable {
  id: Generated<number>
  /** SHA-256 of the cookie value: a stolen database does not yield usable cookies. */
  token_hash: string
  staff_id: number
  device_id: number
  csrf_token: string
  created_at: string
  last_activity_at: string
  expires_at: string
  locked_at: string | null
  ended_at: string | null
  end_reason: string | null
  totp_verified_at: string | null
}

export interface LoginFailuresTable {
  id: Generated<number>
  login_key: string
  device_id: number
  at: string
}

export type Session = Selectable<SessionsTable>
