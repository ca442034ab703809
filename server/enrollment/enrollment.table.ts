import type { Generated, Selectable } from 'kysely'

/**
 * One enrollment window: a single download of one device's bundle, behind a PIN, for a few
 * minutes. Neither the token nor the PIN is stored: only their hashes (see enrollment.service).
 */
export interface EnrollmentsTable {
  id: Generated<number>
  device_id: number
  token_hash: string
  pin_hash: string
  opened_by: number | null
  opened_at: string
  expires_at: string
  failed_attempts: Generated<number>
  downloaded_at: string | null
  closed_at: string | null
}

export type Enrollment = Selectable<EnrollmentsTable>
