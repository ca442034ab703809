import { recordAudit } from '../audit/audit.service.js'
import { optionalLine } from '../plans/fields.js'
import type { FieldErrors, Result, StockActor, StockDeps } from './materials.service.js'
import type { FormValues } from './documents.service.js'
import { parseQuantity } from './quantity.js'
import { listMaterials } from './stock.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'

// A stock-take: the count sheet read from the form, then posted in one transaction.

export interface StocktakeLineView {
  material_id: number
  counted_milli: number | null
}

/**
 * Reads `counted_<materialId>` for every active material (blank = not counted). Errors are keyed
 * by the field name. Returns the counted quantities for review or posting.
 */
export async function readStocktake(deps: StockDeps, raw: FormValues) {
  const errors: FieldErrors = {}
  const note = optionalLine(raw.note ?? '', 500)
  if (note === undefined) errors.note = 'stock.error.comment'
  const materials = await listMaterials(deps.db, { activeOnly: true })
  const counted = new Map<number, number>()
  for (const m of materials) {
    const v = (raw[`counted_${m.id}`] ?? '').trim()
    if (v === '') continue
    const q = parseQuantity(v)
    if (q === undefined) errors[`counted_${m.id}`] = 'stock.error.quantity'
    else counted.set(m.id, q)
  }
  if (counted.size === 0 && Object.keys(errors).length === 0) errors.lines = 'stock.error.no_counts'
  return { errors, counted, note: note ?? '' }
}

/**
 * Posts a stock-take: the expected quantity is the ledger's balance at this moment (inside the
 * transaction, so a procedure finished meanwhile is counted), and each non-zero difference
 * becomes a 'stocktake' movement. Afterwards every counted balance equals what was counted.
 */
export async function postStocktake(
  deps: StockDeps,
  actor: StockActor,
  raw: FormValues,
): Promise<Result> {
  const { errors, counted, note } = await readStocktake(deps, raw)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const at = deps.now().toISOString()
  const onDate = clinicToday(deps.now(), deps.timeZone)
  const id = await deps.db.transaction().execute(async (trx) => {
    const balances = new Map(
      (await listMaterials(trx, { activeOnly: true })).map((m) => [m.id, m.balance_milli]),
    )
    const head = await trx
      .insertInto('stocktakes')
      .values({
        on_date: onDate,
        note,
        created_by: actor.staffId,
        device_id: actor.deviceId,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const diffs: string[] = []
    for (const [materialId, countedMilli] of counted) {
      const expected = balances.get(materialId) ?? 0
      await trx
        .insertInto('stocktake_lines')
        .values({
          stocktake_id: head.id,
          material_id: materialId,
          expected_milli: expected,
          counted_milli: countedMilli,
        })
        .execute()
      const diff = countedMilli - expected
      if (diff === 0) continue
      diffs.push(`${materialId}:${diff}`)
      await trx
        .insertInto('stock_movements')
        .values({
          material_id: materialId,
          kind: 'stocktake',
          quantity_milli: diff,
          unit_cost_kopecks: null,
          supplier_id: null,
          visit_service_id: null,
          stocktake_id: head.id,
          reason: null,
          on_date: onDate,
          created_by: actor.staffId,
          device_id: actor.deviceId,
          created_at: at,
        })
        .execute()
    }
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'stock.stocktake',
      details: { stocktake: head.id, counted: counted.size, differences: diffs.join(',') },
    })
    return head.id
  })
  return { ok: true, id }
}
