import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import { formId, oneLine, optionalLine } from '../plans/fields.js'
import { parseRoubles } from '../prices/money.js'
import { findPriceItemById } from '../prices/prices.queries.js'
import { reverseWriteOffForService, writeOffForService } from '../stock/stock.service.js'
import {
  balanceOf,
  findAppointmentOfPatient,
  findPayment,
  findService,
  listDoctors,
  refundedOf,
} from './billing.queries.js'
import { PAYMENT_METHODS, type PaymentMethod } from './billing.table.js'
import type { FiscalRegister, FiscalResult } from './fiscal.js'
import { clinicToday } from '../schedule/clinic-time.js'

// Money is history, like the medical card: rows are only added. A wrong service is reversed
// (a row with the negative amount and a reason), money returned is a refund row pointing at the
// payment. Every change is audited in the same transaction, category 'billing'.

export interface BillingDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
  timeZone: string
}
export type Actor = AuditActor & { staffId: number }
export type FieldErrors = Partial<Record<string, MessageKey>>
export type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors }

function audit(
  trx: DbOrTrx,
  deps: Pick<BillingDeps, 'auditKey' | 'now'>,
  actor: AuditActor,
  patientId: number,
  action: string,
  details: Record<string, string | number | boolean | null>,
) {
  return recordAudit(
    trx,
    deps.auditKey,
    actor,
    { action, patientId, category: 'billing', details },
    deps.now(),
  )
}

export interface PerformedServiceInput {
  patientId: number
  appointmentId: number | null
  planItemId: number | null
  priceItemId: number
  code: string
  name: string
  doctorId: number
  quantity: number
  unitPriceKopecks: number
  discountKopecks: number
  /** Clinic-local YYYY-MM-DD. */
  performedOn: string
}

/**
 * THE place a procedure becomes "performed": one visit_services row, the materials of its
 * technology card written off (stock), and the audit event, all in the caller's transaction.
 * @throws Error when the discount exceeds the price (callers validate first).
 */
export async function recordPerformedService(
  trx: DbOrTrx,
  deps: Pick<BillingDeps, 'auditKey' | 'now'>,
  actor: Actor,
  input: PerformedServiceInput,
): Promise<number> {
  const gross = input.quantity * input.unitPriceKopecks
  if (input.discountKopecks > gross) throw new Error('discount above the price')
  const at = deps.now().toISOString()
  const row = await trx
    .insertInto('visit_services')
    .values({
      patient_id: input.patientId,
      appointment_id: input.appointmentId,
      plan_item_id: input.planItemId,
      price_item_id: input.priceItemId,
      code: input.code,
      name: input.name,
      doctor_id: input.doctorId,
      quantity: input.quantity,
      unit_price_kopecks: input.unitPriceKopecks,
      discount_kopecks: input.discountKopecks,
      amount_kopecks: gross - input.discountKopecks,
      performed_on: input.performedOn,
      reverses_id: null,
      reason: null,
      created_by: actor.staffId,
      device_id: actor.deviceId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeOffForService(trx, {
    visitServiceId: row.id,
    priceItemId: input.priceItemId,
    quantity: input.quantity,
    staffId: actor.staffId,
    deviceId: actor.deviceId,
    onDate: input.performedOn,
    at,
  })
  await audit(trx, deps, actor, input.patientId, 'billing.service_add', {
    service: row.id,
    code: input.code,
    quantity: input.quantity,
    amount_kopecks: gross - input.discountKopecks,
    doctor: input.doctorId,
    plan_item: input.planItemId,
  })
  return row.id
}

/** The appointment of this patient with this doctor on a clinic-local day, if any. */
export async function appointmentOfDay(
  trx: DbOrTrx,
  patientId: number,
  doctorId: number,
  range: { from: string; to: string },
): Promise<number | null> {
  const row = await trx
    .selectFrom('appointments')
    .select('id')
    .where('patient_id', '=', patientId)
    .where('doctor_id', '=', doctorId)
    .where('status', '!=', 'cancelled')
    .where('starts_at', '>=', range.from)
    .where('starts_at', '<', range.to)
    .orderBy('starts_at')
    .executeTakeFirst()
  return row?.id ?? null
}

export interface AddServiceForm {
  price_item_id: string
  quantity: string
  discount: string
  doctor_id: string
  appointment_id: string
}

/** A procedure from the active price list added to a patient's visit (not from a plan). */
export async function addServiceFromPriceList(
  deps: BillingDeps,
  actor: Actor,
  patientId: number,
  raw: AddServiceForm,
): Promise<Result> {
  const errors: FieldErrors = {}
  const itemId = formId(raw.price_item_id)
  const item = itemId ? await findPriceItemById(deps.db, itemId) : undefined
  if (!item || !item.active) errors.price_item_id = 'billing.error.service'
  const quantity = /^\d{1,2}$/.test(raw.quantity.trim()) ? Number(raw.quantity.trim()) : 0
  if (quantity < 1 || quantity > 99) errors.quantity = 'billing.error.quantity'
  const discount = raw.discount.trim() === '' ? 0 : parseRoubles(raw.discount)
  if (discount === undefined) errors.discount = 'billing.error.amount'
  else if (item && quantity >= 1 && discount > item.price_kopecks * quantity) {
    errors.discount = 'billing.error.discount_above'
  }
  const doctorId = formId(raw.doctor_id)
  const doctors = await listDoctors(deps.db)
  if (!doctorId || !doctors.some((d) => d.id === doctorId))
    errors.doctor_id = 'billing.error.doctor'
  let appointmentId: number | null = null
  if (raw.appointment_id.trim() !== '') {
    const a = formId(raw.appointment_id)
    const appt = a ? await findAppointmentOfPatient(deps.db, patientId, a) : undefined
    if (!appt) errors.appointment_id = 'billing.error.appointment'
    else appointmentId = appt.id
  }
  if (Object.keys(errors).length > 0 || !item || discount === undefined || !doctorId) {
    return { ok: false, errors }
  }
  const id = await deps.db.transaction().execute((trx) =>
    recordPerformedService(trx, deps, actor, {
      patientId,
      appointmentId,
      planItemId: null,
      priceItemId: item.id,
      code: item.code,
      name: item.name,
      doctorId,
      quantity,
      unitPriceKopecks: item.price_kopecks,
      discountKopecks: discount,
      performedOn: clinicToday(deps.now(), deps.timeZone),
    }),
  )
  return { ok: true, id }
}

/**
 * Cancels a performed service with a reason: a row with the negative quantity and exactly the
 * negative amount, on today's date (so a closed month stays as it was), and the materials
 * returned to stock. A service is reversed once; a reversal is never reversed.
 */
export async function reverseService(
  deps: BillingDeps,
  actor: Actor,
  patientId: number,
  serviceId: number,
  raw: { reason: string },
): Promise<Result | undefined> {
  const original = await findService(deps.db, patientId, serviceId)
  if (!original) return undefined
  if (original.reverses_id !== null || original.reversed_by !== null) {
    return { ok: false, errors: { reason: 'billing.error.already_reversed' } }
  }
  const reason = oneLine(raw.reason, 500)
  if (!reason) return { ok: false, errors: { reason: 'billing.error.reason' } }
  const at = deps.now().toISOString()
  const onDate = clinicToday(deps.now(), deps.timeZone)
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('visit_services')
      .values({
        patient_id: original.patient_id,
        appointment_id: original.appointment_id,
        plan_item_id: original.plan_item_id,
        price_item_id: original.price_item_id,
        code: original.code,
        name: original.name,
        doctor_id: original.doctor_id,
        quantity: -original.quantity,
        unit_price_kopecks: original.unit_price_kopecks,
        discount_kopecks: original.discount_kopecks,
        amount_kopecks: -original.amount_kopecks,
        performed_on: onDate,
        reverses_id: original.id,
        reason,
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await reverseWriteOffForService(trx, {
      visitServiceId: original.id,
      reversalServiceId: row.id,
      staffId: actor.staffId,
      deviceId: actor.deviceId,
      onDate,
      at,
    })
    await audit(trx, deps, actor, patientId, 'billing.service_reverse', {
      service: original.id,
      reversal: row.id,
      code: original.code,
      amount_kopecks: -original.amount_kopecks,
      reason,
    })
    return row.id
  })
  return { ok: true, id }
}

export interface PaymentForm {
  method: string
  amount: string
  payer_name: string
  appointment_id: string
}

const isMethod = (m: string): m is PaymentMethod =>
  (PAYMENT_METHODS as readonly string[]).includes(m)

/** Money taken at the desk. The balance before it says whether it settles a debt or is an advance. */
export async function takePayment(
  deps: BillingDeps,
  actor: Actor,
  patientId: number,
  raw: PaymentForm,
): Promise<(Result & { ok: false }) | { ok: true; id: number; balanceBefore: number }> {
  const errors: FieldErrors = {}
  if (!isMethod(raw.method)) errors.method = 'billing.error.method'
  const amount = parseRoubles(raw.amount)
  if (amount === undefined || amount === 0) errors.amount = 'billing.error.amount'
  const payer = optionalLine(raw.payer_name, 200)
  if (payer === undefined) errors.payer_name = 'billing.error.payer'
  let appointmentId: number | null = null
  if (raw.appointment_id.trim() !== '') {
    const a = formId(raw.appointment_id)
    const appt = a ? await findAppointmentOfPatient(deps.db, patientId, a) : undefined
    if (!appt) errors.appointment_id = 'billing.error.appointment'
    else appointmentId = appt.id
  }
  if (Object.keys(errors).length > 0 || !isMethod(raw.method) || !amount) {
    return { ok: false, errors }
  }
  const method = raw.method
  const paidOn = clinicToday(deps.now(), deps.timeZone)
  return deps.db.transaction().execute(async (trx) => {
    const balanceBefore = await balanceOf(trx, patientId)
    const row = await trx
      .insertInto('payments')
      .values({
        patient_id: patientId,
        kind: 'payment',
        method,
        amount_kopecks: amount,
        refund_of: null,
        reason: null,
        appointment_id: appointmentId,
        payer_name: payer || null,
        paid_on: paidOn,
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: deps.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, deps, actor, patientId, 'billing.payment', {
      payment: row.id,
      method,
      amount_kopecks: amount,
      third_party_payer: Boolean(payer),
    })
    return { ok: true as const, id: row.id, balanceBefore }
  })
}

/** Money returned: at most what is left of that payment, with a reason, by the same method. */
export async function takeRefund(
  deps: BillingDeps,
  actor: Actor,
  patientId: number,
  paymentId: number,
  raw: { amount: string; reason: string },
): Promise<Result | undefined> {
  const payment = await findPayment(deps.db, patientId, paymentId)
  if (!payment || payment.kind !== 'payment') return undefined
  const errors: FieldErrors = {}
  const left = payment.amount_kopecks - (await refundedOf(deps.db, payment.id))
  const amount = parseRoubles(raw.amount)
  if (amount === undefined || amount === 0) errors.amount = 'billing.error.amount'
  else if (amount > left) errors.amount = 'billing.error.refund_above'
  const reason = oneLine(raw.reason, 500)
  if (!reason) errors.reason = 'billing.error.reason'
  if (Object.keys(errors).length > 0 || !amount || !reason) return { ok: false, errors }
  const id = await deps.db.transaction().execute(async (trx) => {
    // Re-checked inside the transaction: two desks refunding the same payment at once.
    const leftNow = payment.amount_kopecks - (await refundedOf(trx, payment.id))
    if (amount > leftNow) return undefined
    const row = await trx
      .insertInto('payments')
      .values({
        patient_id: patientId,
        kind: 'refund',
        method: payment.method,
        amount_kopecks: amount,
        refund_of: payment.id,
        reason,
        appointment_id: payment.appointment_id,
        payer_name: payment.payer_name,
        paid_on: clinicToday(deps.now(), deps.timeZone),
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: deps.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, deps, actor, patientId, 'billing.refund', {
      refund: row.id,
      payment: payment.id,
      method: payment.method,
      amount_kopecks: amount,
      reason,
    })
    return row.id
  })
  if (id === undefined) return { ok: false, errors: { amount: 'billing.error.refund_above' } }
  return { ok: true, id }
}

/**
 * Hands a committed payment or refund to the fiscal register and records what it did. Called
 * after the transaction (a device must never hold the database while it prints).
 */
export async function printFiscalReceipt(
  deps: BillingDeps,
  actor: Actor,
  register: FiscalRegister,
  paymentId: number,
  settlement: 'full' | 'advance',
): Promise<FiscalResult> {
  const p = await deps.db
    .selectFrom('payments as p')
    .innerJoin('staff as s', 's.id', 'p.created_by')
    .innerJoin('patients as pt', 'pt.id', 'p.patient_id')
    .select(['p.id', 'p.patient_id', 'p.kind', 'p.method', 'p.amount_kopecks', 's.full_name'])
    .select(['pt.email', 'pt.phone'])
    .where('p.id', '=', paymentId)
    .executeTakeFirstOrThrow()
  const result = await register.register({
    operation: p.kind,
    method: p.method,
    amountKopecks: p.amount_kopecks,
    settlement,
    lines: [
      {
        name: 'Медицинские услуги',
        priceKopecks: p.amount_kopecks,
        quantity: 1,
        subject: 'service',
        vat: 'none',
      },
    ],
    customerContact: p.email ?? p.phone ?? null,
    cashierName: p.full_name,
    paymentId: p.id,
  })
  await recordAudit(
    deps.db,
    deps.auditKey,
    actor,
    {
      action: 'billing.fiscal',
      patientId: p.patient_id,
      category: 'billing',
      details: {
        payment: p.id,
        register: register.name,
        status: result.status,
        reason: result.status === 'not_printed' ? result.reason : null,
      },
    },
    deps.now(),
  )
  return result
}
