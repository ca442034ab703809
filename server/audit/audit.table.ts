import type { Selectable } from 'kysely'

export type AuditOutcome = 'ok' | 'denied' | 'failed'

export interface AuditEventsTable {
  id: number
  at: string
  staff_id: number | null
  device_id: number | null
  zone: string | null
  action: string
  patient_id: number | null
  category: string | null
  outcome: AuditOutcome
  /** Canonical JSON object with the event's semantic details (never passwords or tokens). */
  details: string
  prev_hash: string
  hash: string
}

export type AuditEvent = Selectable<AuditEventsTable>
