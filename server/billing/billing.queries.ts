import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'

// Reads of the money tables. Nothing here selects from medical tables: the billing pages are
// for the front desk, who may see service names and prices but never a diagnosis (323-ФЗ ст.13).

/** Services performed for a patient, oldest first, with the doctor's name. */
export function listServicesForPatient(db: DbOrTrx, patientId: number, from?: string, to?: string) {
  let q = db
    .selectFrom('visit_services as v')
    .innerJoin('staff as d', 'd.id', 'v.doctor_id')
    .select([
      'v.id',
      'v.performed_on',
      'v.code',
      'v.name',
      'v.quantity',
      'v.unit_price_kopecks',
      'v.discount_kopecks',
      'v.amount_kopecks',
      'v.reverses_id',
      'v.reason',
      'v.appointment_id',
      'v.plan_item_id',
      'd.full_name as doctor_name',
      (eb) =>
        eb
          .selectFrom('visit_services as r')
          .select('r.id')
          .whereRef('r.reverses_id', '=', 'v.id')
          .as('reversed_by'),
    ])
    .where('v.patient_id', '=', patientId)
  if (from) q = q.where('v.performed_on', '>=', from)
  if (to) q = q.where('v.performed_on', '<=', to)
  return q.orderBy('v.performed_on').orderBy('v.id').execute()
}
export type ServiceRow = Awaited<ReturnType<typeof listServicesForPatient>>[number]

/** Payments and refunds of a patient, oldest first, with what is left to refund of each. */
export function listPaymentsForPatient(db: DbOrTrx, patientId: number, from?: string, to?: string) {
  let q = db
    .selectFrom('payments as p')
    .innerJoin('staff as s', 's.id', 'p.created_by')
    .select([
      'p.id',
      'p.kind',
      'p.method',
      'p.amount_kopecks',
      'p.refund_of',
      'p.reason',
      'p.payer_name',
      'p.paid_on',
      'p.appointment_id',
      'p.created_at',
      's.full_name as taken_by',
      (eb) =>
        eb
          .selectFrom('payments as r')
          .select((e) =>
            e.fn.coalesce(e.fn.sum<number>('r.amount_kopecks'), sql<number>`0`).as('s'),
          )
          .whereRef('r.refund_of', '=', 'p.id')
          .as('refunded_kopecks'),
    ])
    .where('p.patient_id', '=', patientId)
  if (from) q = q.where('p.paid_on', '>=', from)
  if (to) q = q.where('p.paid_on', '<=', to)
  return q.orderBy('p.paid_on').orderBy('p.id').execute()
}
export type PaymentRow = Awaited<ReturnType<typeof listPaymentsForPatient>>[number]

/** Σ payments − Σ refunds − Σ services, up to a day (inclusive) or all time. Negative = debt. */
export async function balanceOf(db: DbOrTrx, patientId: number, upTo?: string): Promise<number> {
  let paid = db
    .selectFrom('payments')
    .select(
      sql<number>`coalesce(sum(case kind when 'payment' then amount_kopecks else -amount_kopecks end), 0)`.as(
        's',
      ),
    )
    .where('patient_id', '=', patientId)
  let billed = db
    .selectFrom('visit_services')
    .select(sql<number>`coalesce(sum(amount_kopecks), 0)`.as('s'))
    .where('patient_id', '=', patientId)
  if (upTo) {
    paid = paid.where('paid_on', '<=', upTo)
    billed = billed.where('performed_on', '<=', upTo)
  }
  const [p, b] = await Promise.all([
    paid.executeTakeFirstOrThrow(),
    billed.executeTakeFirstOrThrow(),
  ])
  return Number(p.s) - Number(b.s)
}

/** A payment of this patient: another patient's payment under this path is "not found" (IDOR). */
export function findPayment(db: DbOrTrx, patientId: number, paymentId: number) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('id', '=', paymentId)
    .executeTakeFirst()
}

export async function refundedOf(db: DbOrTrx, paymentId: number): Promise<number> {
  const r = await db
    .selectFrom('payments')
    .select(sql<number>`coalesce(sum(amount_kopecks), 0)`.as('s'))
    .where('refund_of', '=', paymentId)
    .executeTakeFirstOrThrow()
  return Number(r.s)
}

/** A service row of this patient (IDOR-safe), and whether it was already reversed. */
export function findService(db: DbOrTrx, patientId: number, serviceId: number) {
  return db
    .selectFrom('visit_services as v')
    .selectAll('v')
    .select((eb) =>
      eb
        .selectFrom('visit_services as r')
        .select('r.id')
        .whereRef('r.reverses_id', '=', 'v.id')
        .as('reversed_by'),
    )
    .where('v.patient_id', '=', patientId)
    .where('v.id', '=', serviceId)
    .executeTakeFirst()
}

/** Active staff who perform services and are paid for them. */
export function listDoctors(db: DbOrTrx) {
  return db
    .selectFrom('staff')
    .select(['id', 'full_name', 'role'])
    .where('role', 'in', ['doctor', 'owner'])
    .where('active', '=', 1)
    .orderBy('full_name')
    .execute()
}

/**
 * The patient's appointments in a UTC range, for "against a visit": date, time and doctor only
 * (the appointment's reason may be medical and is not selected).
 */
export function listAppointmentsForBilling(
  db: DbOrTrx,
  patientId: number,
  range: { from: string; to: string },
) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('staff as d', 'd.id', 'a.doctor_id')
    .select(['a.id', 'a.starts_at', 'a.doctor_id', 'd.full_name as doctor_name'])
    .where('a.patient_id', '=', patientId)
    .where('a.status', '!=', 'cancelled')
    .where('a.starts_at', '>=', range.from)
    .where('a.starts_at', '<', range.to)
    .orderBy('a.starts_at', 'desc')
    .execute()
}

export function findAppointmentOfPatient(db: DbOrTrx, patientId: number, appointmentId: number) {
  return db
    .selectFrom('appointments')
    .select(['id', 'doctor_id', 'starts_at'])
    .where('patient_id', '=', patientId)
    .where('id', '=', appointmentId)
    .executeTakeFirst()
}

/** Payments and refunds taken on one clinic-local day, with the patient's name. */
export function listPaymentsOfDay(db: DbOrTrx, day: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('patients as pt', 'pt.id', 'p.patient_id')
    .innerJoin('staff as s', 's.id', 'p.created_by')
    .select([
      'p.id',
      'p.patient_id',
      'p.kind',
      'p.method',
      'p.amount_kopecks',
      'p.reason',
      'p.created_at',
      'pt.surname',
      'pt.name',
      'pt.patronymic',
      's.full_name as taken_by',
    ])
    .where('p.paid_on', '=', day)
    .orderBy('p.id')
    .execute()
}

/** Patients whose balance is negative, largest debt first. */
export async function listDebtors(db: DbOrTrx, limit = 200) {
  const rows = await sql<{
    id: number
    surname: string
    name: string
    patronymic: string | null
    balance: number
  }>`
    select pt.id, pt.surname, pt.name, pt.patronymic, b.balance
    from (
      select patient_id, sum(x) as balance from (
        select patient_id,
               case kind when 'payment' then amount_kopecks else -amount_kopecks end as x
          from payments
        union all
        select patient_id, -amount_kopecks as x from visit_services
      ) group by patient_id
    ) b
    join patients pt on pt.id = b.patient_id
    where b.balance < 0
    order by b.balance asc, pt.id asc
    limit ${limit}
  `.execute(db)
  return rows.rows
}

/** Net services performed on a day (for the day page's summary). */
export async function servicesTotalOfDay(db: DbOrTrx, day: string): Promise<number> {
  const r = await db
    .selectFrom('visit_services')
    .select(sql<number>`coalesce(sum(amount_kopecks), 0)`.as('s'))
    .where('performed_on', '=', day)
    .executeTakeFirstOrThrow()
  return Number(r.s)
}
