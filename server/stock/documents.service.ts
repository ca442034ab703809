import { recordAudit } from '../audit/audit.service.js'
import { formId, isoDate, optionalLine } from '../plans/fields.js'
import { parseRoubles } from '../prices/money.js'
import type { FieldErrors, Result, StockActor, StockDeps } from './materials.service.js'
import { parseQuantity } from './quantity.js'
import { findSupplierByName, insertSupplier, listMaterials } from './stock.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'

// Receipts and write-offs (stock-takes are in stocktake.service.ts): each form is one document,
// and one document is one transaction — all its lines are in the ledger, or none is.

/** Rows a receipt or write-off form offers; blank rows are ignored. */
export const DOCUMENT_ROWS = 8

export const WRITE_OFF_REASONS = ['expired', 'damaged', 'lost', 'defective', 'other'] as const
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number]

/** The stored reason is "code" or "code: comment"; this splits it back for display. */
export function splitReason(stored: string): { code: string; comment: string } {
  const i = stored.indexOf(': ')
  return i < 0
    ? { code: stored, comment: '' }
    : { code: stored.slice(0, i), comment: stored.slice(i + 2) }
}

export type FormValues = Record<string, string>

function documentDate(deps: StockDeps, raw: string, errors: FieldErrors): string {
  const today = clinicToday(deps.now(), deps.timeZone)
  if (raw.trim() === '') return today
  const day = isoDate(raw)
  if (!day || day > today) errors.on_date = 'stock.error.date'
  return day ?? today
}

interface Line {
  materialId: number
  quantity: number
  cost: number | null
}

/** Reads rows `material_i`, `quantity_i` (and `cost_i` when costed); a half-filled row is an error. */
async function readLines(
  deps: StockDeps,
  raw: FormValues,
  errors: FieldErrors,
  costed: boolean,
): Promise<Line[]> {
  const materials = new Set((await listMaterials(deps.db, { activeOnly: true })).map((m) => m.id))
  const lines: Line[] = []
  for (let i = 0; i < DOCUMENT_ROWS; i++) {
    const m = (raw[`material_${i}`] ?? '').trim()
    const q = (raw[`quantity_${i}`] ?? '').trim()
    const c = costed ? (raw[`cost_${i}`] ?? '').trim() : ''
    if (m === '' && q === '' && c === '') continue
    const materialId = formId(m)
    if (!materialId || !materials.has(materialId)) errors[`material_${i}`] = 'stock.error.material'
    const quantity = parseQuantity(q)
    if (!quantity) errors[`quantity_${i}`] = 'stock.error.quantity_positive'
    const cost = costed ? parseRoubles(c) : null
    if (cost === undefined) errors[`cost_${i}`] = 'stock.error.cost'
    if (materialId && quantity && cost !== undefined) {
      lines.push({ materialId, quantity, cost: cost ?? null })
    }
  }
  if (lines.length === 0 && Object.keys(errors).length === 0) errors.lines = 'stock.error.no_lines'
  return lines
}

/** A delivery from a supplier (picked, or added by name here). */
export async function postReceipt(
  deps: StockDeps,
  actor: StockActor,
  raw: FormValues,
): Promise<Result> {
  const errors: FieldErrors = {}
  const onDate = documentDate(deps, raw.on_date ?? '', errors)
  const pickedId = formId(raw.supplier_id ?? '')
  const newName = optionalLine(raw.supplier_name ?? '', 200)
  const inn = (raw.supplier_inn ?? '').trim()
  if (newName === undefined) errors.supplier_name = 'stock.error.supplier'
  else if (!pickedId && newName === '') errors.supplier_id = 'stock.error.supplier'
  // ИНН: 10 digits for an organisation, 12 for an individual entrepreneur.
  if (inn !== '' && !/^(\d{10}|\d{12})$/.test(inn)) errors.supplier_inn = 'stock.error.inn'
  let supplierId: number | undefined
  if (pickedId && !newName) {
    const found = await deps.db
      .selectFrom('suppliers')
      .select('id')
      .where('id', '=', pickedId)
      .executeTakeFirst()
    if (!found) errors.supplier_id = 'stock.error.supplier'
    supplierId = found?.id
  }
  const lines = await readLines(deps, raw, errors, true)
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    if (supplierId === undefined) {
      const existing = await findSupplierByName(trx, newName!)
      supplierId = existing?.id
      if (!existing) {
        supplierId = await insertSupplier(trx, { name: newName!, inn: inn || null, at })
        await recordAudit(trx, deps.auditKey, actor, {
          action: 'stock.supplier_create',
          details: { supplier: supplierId, name: newName!, inn: inn || null },
        })
      }
    }
    await trx
      .insertInto('stock_movements')
      .values(
        lines.map((l) => ({
          material_id: l.materialId,
          kind: 'receipt' as const,
          quantity_milli: l.quantity,
          unit_cost_kopecks: l.cost,
          supplier_id: supplierId!,
          visit_service_id: null,
          stocktake_id: null,
          reason: null,
          on_date: onDate,
          created_by: actor.staffId,
          device_id: actor.deviceId,
          created_at: at,
        })),
      )
      .execute()
    const cost = lines.reduce((a, l) => a + Math.round((l.quantity * (l.cost ?? 0)) / 1000), 0)
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'stock.receipt',
      details: {
        supplier: supplierId!,
        on_date: onDate,
        lines: lines.length,
        items: lines.map((l) => `${l.materialId}:${l.quantity}@${l.cost}`).join(','),
        cost_kopecks: cost,
      },
    })
  })
  return { ok: true, id: supplierId! }
}

/** Materials that left the shelf other than in a procedure; a reason is required. */
export async function postWriteOff(
  deps: StockDeps,
  actor: StockActor,
  raw: FormValues,
): Promise<Result> {
  const errors: FieldErrors = {}
  const onDate = documentDate(deps, raw.on_date ?? '', errors)
  const code = raw.reason ?? ''
  if (!(WRITE_OFF_REASONS as readonly string[]).includes(code)) errors.reason = 'stock.error.reason'
  const comment = optionalLine(raw.comment ?? '', 300)
  if (comment === undefined) errors.comment = 'stock.error.comment'
  else if (code === 'other' && comment === '') errors.comment = 'stock.error.comment_required'
  const lines = await readLines(deps, raw, errors, false)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const reason = comment ? `${code}: ${comment}` : code
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stock_movements')
      .values(
        lines.map((l) => ({
          material_id: l.materialId,
          kind: 'write_off' as const,
          quantity_milli: -l.quantity,
          unit_cost_kopecks: null,
          supplier_id: null,
          visit_service_id: null,
          stocktake_id: null,
          reason,
          on_date: onDate,
          created_by: actor.staffId,
          device_id: actor.deviceId,
          created_at: at,
        })),
      )
      .execute()
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'stock.write_off',
      details: {
        on_date: onDate,
        reason,
        items: lines.map((l) => `${l.materialId}:${l.quantity}`).join(','),
      },
    })
  })
  return { ok: true, id: lines.length }
}
