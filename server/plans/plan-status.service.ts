import { recordPlanItemDone } from '../billing/plan-hook.js'
import { optionalLine } from './fields.js'
import { currentItemStatus, currentPlanStatus, type PlanRow } from './plans.queries.js'
import {
  audit,
  setStatus,
  type Actor,
  type FieldErrors,
  type PlanDeps,
  type Result,
} from './plans.service.js'
import { PLAN_STATUSES, type PlanStatus } from './plans.table.js'

// Statuses are rows, never updates: the plan's history shows every step, who took it and why.

/** Where each status may go. Done and cancelled are final. */
export const NEXT: Record<PlanStatus, readonly PlanStatus[]> = {
  proposed: ['accepted', 'cancelled'],
  accepted: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
}

const isStatus = (s: string): s is PlanStatus => (PLAN_STATUSES as readonly string[]).includes(s)

export interface StatusInput {
  status: string
  reason: string
}

type Checked =
  { ok: true; status: PlanStatus; reason: string | null } | { ok: false; errors: FieldErrors }

function checkStatus(from: PlanStatus, raw: StatusInput): Checked {
  if (!isStatus(raw.status) || !NEXT[from].includes(raw.status)) {
    return { ok: false, errors: { status: 'plans.error.transition' } }
  }
  const reason = optionalLine(raw.reason, 500)
  if (reason === undefined) return { ok: false, errors: { reason: 'plans.error.reason' } }
  // Cancelling is the plan's "delete": it needs a reason, like any correction (947н p.21).
  if (raw.status === 'cancelled' && reason === '') {
    return { ok: false, errors: { reason: 'plans.error.reason_required' } }
  }
  return { ok: true, status: raw.status, reason: reason || null }
}

/** A plan's own status; accepting it accepts its proposed items, cancelling cancels open ones. */
export async function changePlanStatus(
  deps: PlanDeps,
  actor: Actor,
  plan: PlanRow,
  items: { id: number; status: PlanStatus | null }[],
  raw: StatusInput,
): Promise<Result> {
  const from = await currentPlanStatus(deps.db, plan.id)
  const checked = checkStatus(from, raw)
  if (!checked.ok) return checked
  const { status, reason } = checked
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await setStatus(trx, actor, at, { plan_id: plan.id, item_id: null, status, reason })
    for (const item of items) {
      const follow =
        (status === 'accepted' && item.status === 'proposed') ||
        (status === 'cancelled' && item.status !== 'done' && item.status !== 'cancelled')
      if (follow)
        await setStatus(trx, actor, at, { plan_id: plan.id, item_id: item.id, status, reason })
    }
    await audit(trx, deps, actor, plan, 'plan.status', { from, status, reason })
  })
  return { ok: true, id: plan.id }
}

/** One item's status; starting work on an accepted plan puts the plan in progress. */
export async function changeItemStatus(
  deps: PlanDeps & { timeZone: string },
  actor: Actor,
  plan: PlanRow,
  itemId: number,
  raw: StatusInput,
): Promise<Result> {
  const from = await currentItemStatus(deps.db, plan.id, itemId)
  const checked = checkStatus(from, raw)
  if (!checked.ok) return checked
  const { status, reason } = checked
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await setStatus(trx, actor, at, { plan_id: plan.id, item_id: itemId, status, reason })
    // Done is when a procedure is performed: billed, paid to the doctor, materials written off.
    if (status === 'done') await recordPlanItemDone(trx, deps, actor, { planId: plan.id, itemId })
    const planStatus = await currentPlanStatus(trx, plan.id)
    if (planStatus === 'accepted' && (status === 'in_progress' || status === 'done')) {
      await setStatus(trx, actor, at, {
        plan_id: plan.id,
        item_id: null,
        status: 'in_progress',
        reason: null,
      })
    }
    await audit(trx, deps, actor, plan, 'plan.item_status', { item: itemId, from, status, reason })
  })
  return { ok: true, id: itemId }
}
