import type { DbOrTrx } from '../database.js'

// The stock ledger's writes that other features call inside their own transactions.
// Negative balances are allowed on purpose: a procedure is never blocked by a wrong count; the
// stock page shows the shortage instead.

export interface WriteOffForServiceInput {
  visitServiceId: number
  priceItemId: number
  /** How many times the procedure was performed (positive). */
  quantity: number
  staffId: number
  deviceId: number | null
  /** YYYY-MM-DD, clinic-local. */
  onDate: string
  /** ISO timestamp. */
  at: string
}

/**
 * Writes off the materials of one performed procedure: one 'procedure' movement per line of the
 * price item's technology card, quantity_milli × quantity, negative. No card, no movements.
 */
export async function writeOffForService(
  trx: DbOrTrx,
  input: WriteOffForServiceInput,
): Promise<void> {
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) {
    throw new Error(
      `writeOffForService: quantity must be a positive integer, got ${input.quantity}`,
    )
  }
  const lines = await trx
    .selectFrom('tech_card_lines')
    .select(['material_id', 'quantity_milli'])
    .where('price_item_id', '=', input.priceItemId)
    .orderBy('id')
    .execute()
  if (lines.length === 0) return
  await trx
    .insertInto('stock_movements')
    .values(
      lines.map((l) => ({
        material_id: l.material_id,
        kind: 'procedure' as const,
        quantity_milli: -l.quantity_milli * input.quantity,
        unit_cost_kopecks: null,
        supplier_id: null,
        visit_service_id: input.visitServiceId,
        stocktake_id: null,
        reason: null,
        on_date: input.onDate,
        created_by: input.staffId,
        device_id: input.deviceId,
        created_at: input.at,
      })),
    )
    .execute()
}

export interface ReverseWriteOffForServiceInput {
  /** The original visit_services row whose write-off is undone. */
  visitServiceId: number
  /** The reversal visit_services row (negative quantity, reverses_id = visitServiceId). */
  reversalServiceId: number
  staffId: number
  deviceId: number | null
  onDate: string
  at: string
}

/**
 * Returns to stock exactly what the original procedure wrote off (whatever the technology card
 * says now): one 'reversal' movement per original movement, opposite sign. Idempotent — a
 * second call for the same original writes nothing more.
 */
export async function reverseWriteOffForService(
  trx: DbOrTrx,
  input: ReverseWriteOffForServiceInput,
): Promise<void> {
  const original = await trx
    .selectFrom('stock_movements')
    .select(['material_id', 'quantity_milli'])
    .where('visit_service_id', '=', input.visitServiceId)
    .where('kind', '=', 'procedure')
    .orderBy('id')
    .execute()
  if (original.length === 0) return
  const already = await trx
    .selectFrom('stock_movements')
    .select('id')
    .where('visit_service_id', '=', input.reversalServiceId)
    .where('kind', '=', 'reversal')
    .executeTakeFirst()
  if (already) return
  await trx
    .insertInto('stock_movements')
    .values(
      original.map((m) => ({
        material_id: m.material_id,
        kind: 'reversal' as const,
        quantity_milli: -m.quantity_milli,
        unit_cost_kopecks: null,
        supplier_id: null,
        visit_service_id: input.reversalServiceId,
        stocktake_id: null,
        reason: null,
        on_date: input.onDate,
        created_by: input.staffId,
        device_id: input.deviceId,
        created_at: input.at,
      })),
    )
    .execute()
}
