import type { DbOrTrx } from '../database.js'
import type { PlanStatus } from './plans.table.js'

/** The current status of the plan (itemId null) or of one item: its latest status row. */
function latestStatus(db: DbOrTrx, planId: number, itemId: number | null) {
  let q = db
    .selectFrom('plan_status_changes')
    .select('status')
    .where('plan_id', '=', planId)
    .orderBy('id', 'desc')
    .limit(1)
  q = itemId === null ? q.where('item_id', 'is', null) : q.where('item_id', '=', itemId)
  return q.executeTakeFirst()
}

export async function currentPlanStatus(db: DbOrTrx, planId: number): Promise<PlanStatus> {
  return (await latestStatus(db, planId, null))?.status ?? 'proposed'
}

export async function currentItemStatus(
  db: DbOrTrx,
  planId: number,
  itemId: number,
): Promise<PlanStatus> {
  return (await latestStatus(db, planId, itemId))?.status ?? 'proposed'
}

export function listPlansForPatient(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('treatment_plans as p')
    .innerJoin('staff as s', 's.id', 'p.created_by')
    .select((eb) => [
      'p.id',
      'p.title',
      'p.created_at',
      's.full_name as created_by_name',
      eb
        .selectFrom('plan_status_changes as c')
        .select('c.status')
        .whereRef('c.plan_id', '=', 'p.id')
        .where('c.item_id', 'is', null)
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('status'),
    ])
    .where('p.patient_id', '=', patientId)
    .orderBy('p.id', 'desc')
    .execute()
}

/** A plan of this patient: another patient's plan under this path is "not found" (IDOR). */
export function findPlan(db: DbOrTrx, patientId: number, planId: number) {
  return db
    .selectFrom('treatment_plans as p')
    .innerJoin('staff as s', 's.id', 'p.created_by')
    .select(['p.id', 'p.patient_id', 'p.title', 'p.created_at', 's.full_name as created_by_name'])
    .where('p.patient_id', '=', patientId)
    .where('p.id', '=', planId)
    .executeTakeFirst()
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>

export function listStages(db: DbOrTrx, planId: number) {
  return db
    .selectFrom('plan_stages')
    .select(['id', 'position', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute()
}

export function listItems(db: DbOrTrx, planId: number) {
  return db
    .selectFrom('plan_items as i')
    .select((eb) => [
      'i.id',
      'i.stage_id',
      'i.tooth',
      'i.code',
      'i.name',
      'i.unit_price_kopecks',
      'i.quantity',
      eb
        .selectFrom('plan_status_changes as c')
        .select('c.status')
        .whereRef('c.item_id', '=', 'i.id')
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('status'),
    ])
    .where('i.plan_id', '=', planId)
    .orderBy('i.id')
    .execute()
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number]

/** Every status change of the plan and its items, oldest first, with who made it. */
export function listStatusHistory(db: DbOrTrx, planId: number) {
  return db
    .selectFrom('plan_status_changes as c')
    .innerJoin('staff as s', 's.id', 'c.changed_by')
    .leftJoin('plan_items as i', 'i.id', 'c.item_id')
    .select([
      'c.id',
      'c.item_id',
      'i.name as item_name',
      'i.tooth',
      'c.status',
      'c.reason',
      'c.changed_at',
      's.full_name as changed_by_name',
    ])
    .where('c.plan_id', '=', planId)
    .orderBy('c.id')
    .execute()
}

export function findItem(db: DbOrTrx, planId: number, itemId: number) {
  return db
    .selectFrom('plan_items')
    .select(['id', 'tooth', 'name', 'code'])
    .where('plan_id', '=', planId)
    .where('id', '=', itemId)
    .executeTakeFirst()
}
