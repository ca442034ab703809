import { recordAudit } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import { formId } from '../plans/fields.js'
import type { Result, StockActor, StockDeps } from './materials.service.js'
import { parseQuantity } from './quantity.js'
import { listMaterials } from './stock.queries.js'
import { findTechCardLine, findTechCardLineById } from './tech-cards.queries.js'

// A technology card is edited in place (it describes the present, not history: what was
// actually consumed is in the ledger), so every change is audited with its old and new value.

async function auditChange(
  trx: DbOrTrx,
  deps: StockDeps,
  actor: StockActor,
  d: { priceItemId: number; materialId: number; old: number | null; new: number | null },
) {
  await recordAudit(trx, deps.auditKey, actor, {
    action: 'stock.tech_card_change',
    details: {
      price_item: d.priceItemId,
      material: d.materialId,
      old_quantity_milli: d.old,
      quantity_milli: d.new,
    },
  })
}

/** Adds a material to a service's card, or sets its quantity when the card already lists it. */
export async function setTechCardLine(
  deps: StockDeps,
  actor: StockActor,
  priceItemId: number,
  raw: { material_id: string; quantity: string },
): Promise<Result> {
  const errors: Record<string, 'stock.error.material' | 'stock.error.quantity_positive'> = {}
  const materialId = formId(raw.material_id)
  const active = new Set((await listMaterials(deps.db, { activeOnly: true })).map((m) => m.id))
  if (!materialId || !active.has(materialId)) errors.material_id = 'stock.error.material'
  const quantity = parseQuantity(raw.quantity)
  if (!quantity) errors.quantity = 'stock.error.quantity_positive'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const existing = await findTechCardLine(trx, priceItemId, materialId!)
    if (existing && existing.quantity_milli === quantity) return existing.id
    let id: number
    if (existing) {
      await trx
        .updateTable('tech_card_lines')
        .set({ quantity_milli: quantity!, updated_by: actor.staffId, updated_at: at })
        .where('id', '=', existing.id)
        .execute()
      id = existing.id
    } else {
      const row = await trx
        .insertInto('tech_card_lines')
        .values({
          price_item_id: priceItemId,
          material_id: materialId!,
          quantity_milli: quantity!,
          updated_by: actor.staffId,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    }
    await auditChange(trx, deps, actor, {
      priceItemId,
      materialId: materialId!,
      old: existing?.quantity_milli ?? null,
      new: quantity!,
    })
    return id
  })
  return { ok: true, id }
}

/** Takes a material off a service's card. Undefined when the line is not on this card. */
export async function removeTechCardLine(
  deps: StockDeps,
  actor: StockActor,
  priceItemId: number,
  lineId: number,
): Promise<true | undefined> {
  const line = await findTechCardLineById(deps.db, lineId)
  if (!line || line.price_item_id !== priceItemId) return undefined
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('tech_card_lines').where('id', '=', lineId).execute()
    await auditChange(trx, deps, actor, {
      priceItemId,
      materialId: line.material_id,
      old: line.quantity_milli,
      new: null,
    })
  })
  return true
}
