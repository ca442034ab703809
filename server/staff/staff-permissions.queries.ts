import type { DbOrTrx } from '../database.js'
import { isPermission, type Overrides, type Permission } from '../policy/permissions.js'

/** Every employee's grants and denials at once, for the matrix (unknown names are ignored). */
export async function listAllOverrides(db: DbOrTrx): Promise<Map<number, Overrides>> {
  const rows = await db
    .selectFrom('staff_permissions')
    .select(['staff_id', 'permission', 'effect'])
    .execute()
  const out = new Map<number, { grants: Permission[]; denials: Permission[] }>()
  for (const r of rows) {
    if (!isPermission(r.permission)) continue
    const o = out.get(r.staff_id) ?? { grants: [], denials: [] }
    ;(r.effect === 'grant' ? o.grants : o.denials).push(r.permission)
    out.set(r.staff_id, o)
  }
  return out
}

/** Replaces one employee's overrides with `next`; call inside the transaction that audits it. */
export async function replaceOverrides(
  db: DbOrTrx,
  staffId: number,
  next: Overrides,
  changedBy: number,
  at: string,
): Promise<void> {
  await db.deleteFrom('staff_permissions').where('staff_id', '=', staffId).execute()
  const rows = [
    ...next.grants.map((permission) => ({ permission, effect: 'grant' as const })),
    ...next.denials.map((permission) => ({ permission, effect: 'deny' as const })),
  ].map((r) => ({ ...r, staff_id: staffId, changed_by: changedBy, changed_at: at }))
  if (rows.length > 0) await db.insertInto('staff_permissions').values(rows).execute()
}
