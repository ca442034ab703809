import type { Generated } from 'kysely'

export interface StaffPermissionsTable {
  staff_id: number
  permission: string
  effect: 'grant' | 'deny'
  changed_by: number | null
  changed_at: string
}

export interface BreakGlassTable {
  id: Generated<number>
  staff_id: number
  device_id: number
  patient_id: number
  reason: string
  started_at: string
  expires_at: string
  reviewed_by: number | null
  reviewed_at: string | null
  review_note: string | null
}
