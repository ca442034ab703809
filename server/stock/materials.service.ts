import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import { oneLine } from '../plans/fields.js'
import { parseQuantity } from './quantity.js'
import {
  findMaterialById,
  findMaterialByName,
  insertMaterial,
  updateMaterial,
} from './stock.queries.js'
import { STOCK_UNITS, type StockUnit } from './stock.table.js'

// Materials are the one editable part of stock (name, unit, threshold); their quantities live
// only in the append-only ledger. Every change is audited with its old and new values.

export interface StockDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
  timeZone: string
}

export type StockActor = AuditActor & { staffId: number }
export type FieldErrors = Partial<Record<string, MessageKey>>
export type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors }

export interface MaterialInput {
  name: string
  unit: string
  min_quantity: string
  active?: string
}

const isUnit = (u: string): u is StockUnit => (STOCK_UNITS as readonly string[]).includes(u)

async function validate(deps: StockDeps, raw: MaterialInput, selfId?: number) {
  const errors: FieldErrors = {}
  const name = oneLine(raw.name, 200)
  if (!name) errors.name = 'stock.error.name'
  else {
    const other = await findMaterialByName(deps.db, name)
    if (other && other.id !== selfId) errors.name = 'stock.error.name_taken'
  }
  if (!isUnit(raw.unit)) errors.unit = 'stock.error.unit'
  const min = raw.min_quantity.trim() === '' ? 0 : parseQuantity(raw.min_quantity)
  if (min === undefined) errors.min_quantity = 'stock.error.quantity'
  return { errors, name: name!, unit: raw.unit as StockUnit, min: min! }
}

export async function createMaterial(
  deps: StockDeps,
  actor: StockActor,
  raw: MaterialInput,
): Promise<Result> {
  const v = await validate(deps, raw)
  if (Object.keys(v.errors).length > 0) return { ok: false, errors: v.errors }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertMaterial(trx, {
      name: v.name,
      unit: v.unit,
      min_quantity_milli: v.min,
      at,
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'stock.material_create',
      details: { material: id, name: v.name, unit: v.unit, min_quantity_milli: v.min },
    })
    return id
  })
  return { ok: true, id }
}

/** Undefined when there is no such material. The unit is fixed once stock moved in it. */
export async function updateMaterialFromForm(
  deps: StockDeps,
  actor: StockActor,
  id: number,
  raw: MaterialInput,
): Promise<Result | undefined> {
  const before = await findMaterialById(deps.db, id)
  if (!before) return undefined
  const v = await validate(deps, raw, id)
  const moved = await deps.db
    .selectFrom('stock_movements')
    .select('id')
    .where('material_id', '=', id)
    .executeTakeFirst()
  // Changing ml to pcs would silently reinterpret every quantity already in the ledger.
  if (moved && v.unit !== before.unit) v.errors.unit = 'stock.error.unit_fixed'
  if (Object.keys(v.errors).length > 0) return { ok: false, errors: v.errors }
  const at = deps.now().toISOString()
  const active = raw.active === '1' ? 1 : 0
  await deps.db.transaction().execute(async (trx) => {
    await updateMaterial(trx, id, {
      name: v.name,
      unit: v.unit,
      min_quantity_milli: v.min,
      active,
      at,
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'stock.material_update',
      details: {
        material: id,
        old_name: before.name,
        name: v.name,
        old_unit: before.unit,
        unit: v.unit,
        old_min_quantity_milli: before.min_quantity_milli,
        min_quantity_milli: v.min,
        old_active: before.active,
        active,
      },
    })
  })
  return { ok: true, id }
}
