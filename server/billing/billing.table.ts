import type { Generated } from 'kysely'

export const PAYMENT_METHODS = ['cash', 'card', 'transfer'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
export const PAYMENT_KINDS = ['payment', 'refund'] as const
export type PaymentKind = (typeof PAYMENT_KINDS)[number]
export const PAY_RULE_KINDS = ['percent', 'fixed'] as const
export type PayRuleKind = (typeof PAY_RULE_KINDS)[number]

/**
 * Append-only: a service performed for a patient. A reversal row points at the original
 * (reverses_id), has the negative quantity and exactly the negative amount, and a reason.
 * Net revenue = sum(amount_kopecks).
 */
export interface VisitServicesTable {
  id: Generated<number>
  patient_id: number
  appointment_id: number | null
  plan_item_id: number | null
  price_item_id: number
  code: string
  name: string
  /** Who performed it: the doctor paid for it. */
  doctor_id: number
  quantity: number
  unit_price_kopecks: number
  discount_kopecks: number
  /** Signed: quantity × unit − discount; the negative of the original on a reversal. */
  amount_kopecks: number
  /** Clinic-local date, YYYY-MM-DD. */
  performed_on: string
  reverses_id: number | null
  reason: string | null
  created_by: number
  device_id: number | null
  created_at: string
}

/** Append-only: money in (payment) or out (refund, pointing at the payment it returns). */
export interface PaymentsTable {
  id: Generated<number>
  patient_id: number
  kind: PaymentKind
  method: PaymentMethod
  /** Always > 0; the kind gives the sign. */
  amount_kopecks: number
  refund_of: number | null
  reason: string | null
  appointment_id: number | null
  payer_name: string | null
  /** Clinic-local date, YYYY-MM-DD. */
  paid_on: string
  created_by: number
  device_id: number | null
  created_at: string
}

/**
 * Append-only: the latest row per (doctor_id, price_item_id) with valid_from ≤ the date wins;
 * price_item_id null is the doctor's default.
 */
export interface DoctorPayRulesTable {
  id: Generated<number>
  doctor_id: number
  price_item_id: number | null
  kind: PayRuleKind
  /** Basis points: 4000 = 40 %. */
  percent_bp: number | null
  fixed_kopecks: number | null
  valid_from: string
  created_by: number
  created_at: string
}
