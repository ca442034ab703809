import type { DbOrTrx } from '../database.js'
import { clinicRange, clinicToday } from '../schedule/clinic-time.js'
import { appointmentOfDay, recordPerformedService, type Actor } from './billing.service.js'

/**
 * A plan item marked done becomes a performed service, in the plan's own transaction: code,
 * name, price and quantity as quoted in the plan; performed by the person marking it when they
 * are a doctor (or the owner, often the clinic's chief doctor), otherwise by the plan's author;
 * linked to that doctor's appointment with the patient today, if there is one.
 * @throws Error when the item is not in the plan (the caller checked it already).
 */
export async function recordPlanItemDone(
  trx: DbOrTrx,
  deps: { auditKey: Buffer; now: () => Date; timeZone: string },
  actor: Actor,
  ref: { planId: number; itemId: number },
): Promise<number> {
  const item = await trx
    .selectFrom('plan_items as i')
    .innerJoin('treatment_plans as p', 'p.id', 'i.plan_id')
    .select([
      'i.id',
      'i.price_item_id',
      'i.code',
      'i.name',
      'i.unit_price_kopecks',
      'i.quantity',
      'p.patient_id',
      'p.created_by as plan_author',
    ])
    .where('i.plan_id', '=', ref.planId)
    .where('i.id', '=', ref.itemId)
    .executeTakeFirstOrThrow()
  const me = await trx
    .selectFrom('staff')
    .select('role')
    .where('id', '=', actor.staffId)
    .executeTakeFirst()
  const doctorId =
    me && (me.role === 'doctor' || me.role === 'owner') ? actor.staffId : item.plan_author
  const today = clinicToday(deps.now(), deps.timeZone)
  const appointmentId = await appointmentOfDay(
    trx,
    item.patient_id,
    doctorId,
    clinicRange(today, 1, deps.timeZone),
  )
  return recordPerformedService(trx, deps, actor, {
    patientId: item.patient_id,
    appointmentId,
    planItemId: item.id,
    priceItemId: item.price_item_id,
    code: item.code,
    name: item.name,
    doctorId,
    quantity: item.quantity,
    unitPriceKopecks: item.unit_price_kopecks,
    discountKopecks: 0,
    performedOn: today,
  })
}
