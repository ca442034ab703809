import type { Context } from 'hono'
import { z } from 'zod'
import { can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import type { Period } from './period.js'
import type { ReportId } from './report.js'

// What the analytics routes share: reading the period from the query string, which reports
// this person may see here, and the period as it goes back into links.

export type Ctx = Context<AppEnv>

// Anything longer than a date is junk; zod keeps the query from growing into the audit log.
const periodQuery = z.object({
  month: z.string().max(7).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
})

export function readPeriodQuery(c: Ctx) {
  const q = periodQuery.safeParse(c.req.query())
  return q.success ? q.data : { from: '?', to: '?' }
}

/** Doctors' pay is payroll data: shown to whoever also holds `billing.payroll` here. */
export async function visibleReports(c: Ctx, ids: readonly ReportId[]) {
  const payroll = await can(c, 'billing.payroll')
  return ids.filter((id) => id !== 'doctor_pay' || payroll)
}

export const periodQueryString = (p: Period) => `from=${p.from}&to=${p.to}`
