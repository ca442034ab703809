import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import { findPriceItemById } from '../prices/prices.queries.js'
import { formId, oneLine } from './fields.js'
import { currentPlanStatus, listStages, type PlanRow } from './plans.queries.js'
import type { PlanStatus } from './plans.table.js'
import { parseTooth } from './teeth.js'

// Plans are history, like the rest of the card (DESIGN.md §3): rows are only ever added. A
// status is a new plan_status_changes row; a wrong item is cancelled with a reason and a new
// one added; the price is the one copied from the price list when the item was made.

export interface PlanDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
}
export type Actor = AuditActor & { staffId: number }
export type FieldErrors = Partial<Record<string, MessageKey>>
export type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors }

export function setStatus(
  trx: DbOrTrx,
  actor: Actor,
  at: string,
  v: { plan_id: number; item_id: number | null; status: PlanStatus; reason: string | null },
) {
  return trx
    .insertInto('plan_status_changes')
    .values({ ...v, changed_by: actor.staffId, device_id: actor.deviceId, changed_at: at })
    .execute()
}

export function audit(
  trx: DbOrTrx,
  deps: PlanDeps,
  actor: Actor,
  plan: { id: number; patient_id: number },
  action: string,
  details: Record<string, string | number | boolean | null>,
) {
  return recordAudit(trx, deps.auditKey, actor, {
    action,
    patientId: plan.patient_id,
    category: 'medical',
    details: { plan: plan.id, ...details },
  })
}

export async function createPlan(
  deps: PlanDeps,
  actor: Actor,
  patientId: number,
  raw: { title: string },
): Promise<Result> {
  const title = oneLine(raw.title, 200)
  if (!title) return { ok: false, errors: { title: 'plans.error.title' } }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('treatment_plans')
      .values({
        patient_id: patientId,
        title,
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await setStatus(trx, actor, at, {
      plan_id: id,
      item_id: null,
      status: 'proposed',
      reason: null,
    })
    await audit(trx, deps, actor, { id, patient_id: patientId }, 'plan.create', { title })
    return id
  })
  return { ok: true, id }
}

async function editable(db: DbOrTrx, planId: number) {
  const status = await currentPlanStatus(db, planId)
  return status !== 'done' && status !== 'cancelled'
}

export async function addStage(
  deps: PlanDeps,
  actor: Actor,
  plan: PlanRow,
  raw: { title: string },
): Promise<Result> {
  const title = oneLine(raw.title, 200)
  if (!title) return { ok: false, errors: { stage_title: 'plans.error.title' } }
  if (!(await editable(deps.db, plan.id)))
    return { ok: false, errors: { stage_title: 'plans.error.closed' } }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const position = (await listStages(trx, plan.id)).length + 1
    const { id } = await trx
      .insertInto('plan_stages')
      .values({ plan_id: plan.id, position, title, created_by: actor.staffId, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, deps, actor, plan, 'plan.stage_add', { stage: id, title })
    return id
  })
  return { ok: true, id }
}

export interface ItemInput {
  stage_id: string
  tooth: string
  price_item_id: string
  quantity: string
}

export async function addItem(
  deps: PlanDeps,
  actor: Actor,
  plan: PlanRow,
  raw: ItemInput,
): Promise<Result> {
  const errors: FieldErrors = {}
  const stages = await listStages(deps.db, plan.id)
  const stageId = raw.stage_id.trim() === '' ? null : formId(raw.stage_id)
  if (stageId === undefined || (stageId !== null && !stages.some((s) => s.id === stageId)))
    errors.stage_id = 'plans.error.stage'
  const tooth = parseTooth(raw.tooth)
  if (tooth === undefined) errors.tooth = 'plans.error.tooth'
  const priceId = formId(raw.price_item_id)
  const price = priceId ? await findPriceItemById(deps.db, priceId) : undefined
  if (!price || !price.active) errors.price_item_id = 'plans.error.procedure'
  const quantity = /^\d{1,2}$/.test(raw.quantity.trim()) ? Number(raw.quantity) : 0
  if (quantity < 1 || quantity > 99) errors.quantity = 'plans.error.quantity'
  if (!(await editable(deps.db, plan.id))) errors.price_item_id = 'plans.error.closed'
  if (Object.keys(errors).length > 0 || !price) return { ok: false, errors }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('plan_items')
      .values({
        plan_id: plan.id,
        stage_id: stageId ?? null,
        tooth: tooth ?? null,
        price_item_id: price.id,
        code: price.code,
        name: price.name,
        unit_price_kopecks: price.price_kopecks,
        quantity,
        medical_entry_id: null,
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // A new item is a proposal to the patient, even on an accepted plan: they agree to it again.
    await setStatus(trx, actor, at, {
      plan_id: plan.id,
      item_id: id,
      status: 'proposed',
      reason: null,
    })
    await audit(trx, deps, actor, plan, 'plan.item_add', {
      item: id,
      code: price.code,
      tooth: tooth ?? null,
      quantity,
      price_kopecks: price.price_kopecks,
    })
    return id
  })
  return { ok: true, id }
}
