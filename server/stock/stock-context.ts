import type { Context } from 'hono'
import { z } from 'zod'
import { auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { moneyFormatter } from '../prices/money.js'
import type { StockActor, StockDeps } from './materials.service.js'
import { quantityFormatter } from './quantity.js'

// What every stock route needs from the request: services, who acts, formatters.

export type Ctx = Context<AppEnv>

export function deps(c: Ctx): StockDeps {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now, timeZone: s.config.timeZone }
}

export function actor(c: Ctx): StockActor {
  return { ...auditActor(c), staffId: c.get('session')!.staffId }
}

export function formatters(c: Ctx) {
  const { locale, t } = c.get('i18n')
  return { quantity: quantityFormatter(locale, t), money: moneyFormatter(locale) }
}

export const canWrite = (c: Ctx) => can(c, 'stock.write')

/** A zod form of plain text fields, each up to `max` characters, '' when absent. */
export function textForm<const N extends string>(names: readonly N[], max = 300) {
  const field = z.string().max(max).default('')
  return z.object(Object.fromEntries(names.map((n) => [n, field])) as Record<N, typeof field>)
}
