import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import { formId, oneLine } from '../plans/fields.js'
import { parseRoubles } from './money.js'
import {
  findPriceGroupByName,
  findPriceItemByCode,
  findPriceItemById,
  insertPrice,
  insertPriceGroup,
  insertPriceItem,
  listPriceGroups,
  updatePriceItem,
} from './prices.queries.js'

// The owner's price list. A price change is a new price_item_prices row, so the history is
// kept; plan items copy the price they were made with, so old plans keep their totals.

export interface PriceDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
}

export type FieldErrors = Partial<Record<string, MessageKey>>
export type Result = { ok: true; id: number } | { ok: false; errors: FieldErrors }

// Codes of the Номенклатура медицинских услуг look like "A16.07.002.001"; clinics add their own.
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,29}$/u

export async function createPriceGroup(
  deps: PriceDeps,
  actor: AuditActor & { staffId: number },
  raw: { name: string },
): Promise<Result> {
  const name = oneLine(raw.name, 100)
  if (!name) return { ok: false, errors: { name: 'prices.error.name' } }
  if (await findPriceGroupByName(deps.db, name)) {
    return { ok: false, errors: { name: 'prices.error.group_taken' } }
  }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertPriceGroup(trx, name, at)
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'price.group_create',
      details: { group: id, name },
    })
    return id
  })
  return { ok: true, id }
}

export interface ItemInput {
  group_id: string
  code: string
  name: string
  price: string
  active?: string
}

async function validate(deps: PriceDeps, raw: ItemInput, selfId?: number) {
  const errors: FieldErrors = {}
  const groupId = formId(raw.group_id)
  const groups = await listPriceGroups(deps.db)
  if (!groupId || !groups.some((g) => g.id === groupId)) errors.group_id = 'prices.error.group'
  const code = raw.code.trim()
  if (!CODE.test(code)) errors.code = 'prices.error.code'
  else {
    const other = await findPriceItemByCode(deps.db, code)
    if (other && other.id !== selfId) errors.code = 'prices.error.code_taken'
  }
  const name = oneLine(raw.name, 300)
  if (!name) errors.name = 'prices.error.name'
  const price = parseRoubles(raw.price)
  if (price === undefined) errors.price = 'prices.error.price'
  return { errors, value: { groupId: groupId!, code, name: name!, price: price! } }
}

export async function createPriceItem(
  deps: PriceDeps,
  actor: AuditActor & { staffId: number },
  raw: ItemInput,
): Promise<Result> {
  const { errors, value: v } = await validate(deps, raw)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertPriceItem(trx, { group_id: v.groupId, code: v.code, name: v.name, at })
    await insertPrice(trx, {
      price_item_id: id,
      price_kopecks: v.price,
      set_by: actor.staffId,
      set_at: at,
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'price.create',
      details: { item: id, code: v.code, price_kopecks: v.price },
    })
    return id
  })
  return { ok: true, id }
}

/** Saves name, group, "active" and, when it differs, a new price. Code is fixed once made. */
export async function updatePriceItemFromForm(
  deps: PriceDeps,
  actor: AuditActor & { staffId: number },
  id: number,
  raw: ItemInput,
): Promise<Result | undefined> {
  const item = await findPriceItemById(deps.db, id)
  if (!item) return undefined
  const { errors, value: v } = await validate(deps, { ...raw, code: item.code }, id)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const at = deps.now().toISOString()
  const active = raw.active === '1' ? 1 : 0
  await deps.db.transaction().execute(async (trx) => {
    await updatePriceItem(trx, id, { group_id: v.groupId, name: v.name, active, updated_at: at })
    if (v.price !== item.price_kopecks) {
      await insertPrice(trx, {
        price_item_id: id,
        price_kopecks: v.price,
        set_by: actor.staffId,
        set_at: at,
      })
    }
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'price.update',
      details: {
        item: id,
        code: item.code,
        old_price_kopecks: item.price_kopecks,
        price_kopecks: v.price,
        name_changed: v.name !== item.name,
        active: active === 1,
      },
    })
  })
  return { ok: true, id }
}
