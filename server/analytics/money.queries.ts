import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { Period } from './period.js'

// Revenue (accrual: services performed, reversals negative, so a sum is the net) and cash
// (payments minus refunds), by clinic-local date. Aggregates only: no patient column leaves
// these queries.

const netCash = sql<number>`coalesce(sum(case when kind = 'payment' then amount_kopecks else -amount_kopecks end), 0)`

/** Net accrued revenue per date (or month, with `unit: 'month'`), only dates with services. */
export function revenueBy(db: DbOrTrx, p: Period, unit: 'day' | 'month') {
  const key = unit === 'day' ? sql<string>`performed_on` : sql<string>`substr(performed_on, 1, 7)`
  return db
    .selectFrom('visit_services')
    .select([key.as('key'), sql<number>`sum(amount_kopecks)`.as('amount')])
    .where('performed_on', '>=', p.from)
    .where('performed_on', '<=', p.to)
    .groupBy(key)
    .orderBy(key)
    .execute()
}

/** Net cash received per date or month (payments − refunds, on the date the money moved). */
export function cashBy(db: DbOrTrx, p: Period, unit: 'day' | 'month') {
  const key = unit === 'day' ? sql<string>`paid_on` : sql<string>`substr(paid_on, 1, 7)`
  return db
    .selectFrom('payments')
    .select([key.as('key'), netCash.as('amount')])
    .where('paid_on', '>=', p.from)
    .where('paid_on', '<=', p.to)
    .groupBy(key)
    .orderBy(key)
    .execute()
}

/** Net revenue and net number of services per doctor who performed them. */
export function revenueByDoctor(db: DbOrTrx, p: Period) {
  return db
    .selectFrom('visit_services as v')
    .innerJoin('staff as s', 's.id', 'v.doctor_id')
    .select([
      'v.doctor_id',
      's.full_name',
      sql<number>`sum(v.quantity)`.as('quantity'),
      sql<number>`sum(v.amount_kopecks)`.as('amount'),
    ])
    .where('v.performed_on', '>=', p.from)
    .where('v.performed_on', '<=', p.to)
    .groupBy(['v.doctor_id', 's.full_name'])
    .orderBy('amount', 'desc')
    .orderBy('s.full_name')
    .execute()
}

/** Net revenue per service code (the name as last billed). */
export function revenueByService(db: DbOrTrx, p: Period) {
  return db
    .selectFrom('visit_services')
    .select([
      'code',
      sql<string>`max(name)`.as('name'),
      sql<number>`sum(quantity)`.as('quantity'),
      sql<number>`sum(amount_kopecks)`.as('amount'),
    ])
    .where('performed_on', '>=', p.from)
    .where('performed_on', '<=', p.to)
    .groupBy('code')
    .orderBy('amount', 'desc')
    .orderBy('code')
    .execute()
}

/** Payments, refunds and their difference per method. */
export function cashByMethod(db: DbOrTrx, p: Period) {
  return db
    .selectFrom('payments')
    .select([
      'method',
      sql<number>`coalesce(sum(case when kind = 'payment' then amount_kopecks else 0 end), 0)`.as(
        'paid',
      ),
      sql<number>`coalesce(sum(case when kind = 'refund' then amount_kopecks else 0 end), 0)`.as(
        'refunded',
      ),
    ])
    .where('paid_on', '>=', p.from)
    .where('paid_on', '<=', p.to)
    .groupBy('method')
    .execute()
}

/**
 * Materials consumed: −Σ quantity of procedure, write-off and reversal movements (a reversal
 * of a procedure gives material back, so it counts against consumption). Receipts and
 * stock-take differences are not consumption.
 */
export function stockConsumption(db: DbOrTrx, p: Period) {
  const used = (kinds: string) =>
    sql<number>`coalesce(-sum(case when m.kind in (${sql.raw(kinds)}) then m.quantity_milli else 0 end), 0)`
  return db
    .selectFrom('stock_movements as m')
    .innerJoin('materials as mat', 'mat.id', 'm.material_id')
    .select([
      'mat.id',
      'mat.name',
      'mat.unit',
      // Fixed lists of literal kinds, never input.
      used("'procedure', 'reversal'").as('procedures'),
      used("'write_off'").as('written_off'),
    ])
    .where('m.on_date', '>=', p.from)
    .where('m.on_date', '<=', p.to)
    .where('m.kind', 'in', ['procedure', 'write_off', 'reversal'])
    .groupBy(['mat.id', 'mat.name', 'mat.unit'])
    .orderBy('mat.name')
    .execute()
}
