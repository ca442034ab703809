import type { Generated } from 'kysely'

export const PLAN_STATUSES = ['proposed', 'accepted', 'in_progress', 'done', 'cancelled'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

export interface TreatmentPlansTable {
  id: Generated<number>
  patient_id: number
  title: string
  created_by: number
  device_id: number | null
  created_at: string
}

export interface PlanStagesTable {
  id: Generated<number>
  plan_id: number
  position: number
  title: string
  created_by: number
  created_at: string
}

/** A procedure from the price list, for one tooth (FDI) or none; code, name, price copied. */
export interface PlanItemsTable {
  id: Generated<number>
  plan_id: number
  stage_id: number | null
  tooth: number | null
  price_item_id: number
  code: string
  name: string
  unit_price_kopecks: number
  quantity: number
  medical_entry_id: number | null
  created_by: number
  device_id: number | null
  created_at: string
}

/** History of statuses; item_id null is the plan's own status. Append-only. */
export interface PlanStatusChangesTable {
  id: Generated<number>
  plan_id: number
  item_id: number | null
  status: PlanStatus
  reason: string | null
  changed_by: number
  device_id: number | null
  changed_at: string
}

/** An ИДС text; editing makes a new row that replaces the old one. */
export interface IdsTemplatesTable {
  id: Generated<number>
  title: string
  body: string
  replaces_id: number | null
  created_by: number | null
  created_at: string
}

/** A signed ИДС (323-ФЗ ст.20) for a whole plan or one item. */
export interface PlanConsentsTable {
  id: Generated<number>
  plan_id: number
  item_id: number | null
  template_id: number
  /** YYYY-MM-DD, the date on the paper. */
  signed_on: string
  signer: 'patient' | 'representative'
  representative_name: string | null
  representative_relation: string | null
  scan_id: number | null
  recorded_by: number
  device_id: number | null
  recorded_at: string
}
