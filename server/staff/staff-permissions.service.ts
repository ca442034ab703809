import { recordAudit } from '../audit/audit.service.js'
import { ZONES, type Zone } from '../config.js'
import {
  effectivePermissions,
  PERMISSIONS,
  ROLE_TEMPLATES,
  type Overrides,
  type Permission,
  type Role,
} from '../policy/permissions.js'
import { loadOverrides } from '../policy/policy.js'
import { assertMayManage, StaffRuleError, type AdminDeps, type Manager } from './staff-admin.service.js'
import { replaceOverrides } from './staff-permissions.queries.js'
import type { Staff } from './staff.table.js'

/** One row of the override form: keep the role's default, or grant, or deny. */
export type Choice = 'role' | 'grant' | 'deny'

/** "+billing.write -medical.sign" in catalogue order: short enough for an audit line. */
export function compactOverrides(o: Overrides): string {
  const grants = new Set(o.grants)
  const denials = new Set(o.denials)
  return PERMISSIONS.flatMap((p) =>
    denials.has(p) ? [`-${p}`] : grants.has(p) ? [`+${p}`] : [],
  ).join(' ')
}

export function choicesOf(o: Overrides): Record<Permission, Choice> {
  return Object.fromEntries(
    PERMISSIONS.map((p) => [
      p,
      o.denials.includes(p) ? 'deny' : o.grants.includes(p) ? 'grant' : 'role',
    ]),
  ) as Record<Permission, Choice>
}

function overridesOf(choices: Record<Permission, Choice>): Overrides {
  return {
    grants: PERMISSIONS.filter((p) => choices[p] === 'grant'),
    denials: PERMISSIONS.filter((p) => choices[p] === 'deny'),
  }
}

/**
 * Saves one employee's grants and denials and audits old → new in the same transaction.
 * Only an owner may grant `admin.*`: a delegated manager cannot mint more administrators.
 * @returns false when nothing changed (nothing is written or audited).
 * @throws StaffRuleError
 */
export async function saveOverrides(
  deps: AdminDeps,
  manager: Manager,
  target: Staff,
  choices: Record<Permission, Choice>,
): Promise<boolean> {
  assertMayManage(manager, target)
  const next = overridesOf(choices)
  return deps.db.transaction().execute(async (trx) => {
    const old = await loadOverrides(trx, target.id)
    const newAdmin = next.grants.filter((p) => p.startsWith('admin.') && !old.grants.includes(p))
    if (newAdmin.length > 0 && manager.role !== 'owner') {
      throw new StaffRuleError('staff.rule.owner_only', 403)
    }
    const [before, after] = [compactOverrides(old), compactOverrides(next)]
    if (before === after) return false
    await replaceOverrides(trx, target.id, next, manager.id, deps.now().toISOString())
    await recordAudit(trx, deps.auditKey, manager.audit, {
      action: 'staff.permissions_change',
      details: { staff: target.id, old: before, new: after },
    })
    return true
  })
}

/** What a view needs to show one permission of one person. */
export interface AccessRow {
  permission: Permission
  inRole: boolean
  choice: Choice
  /** Zones where the permission is effective for this person (empty for a blocked account). */
  zones: Record<Zone, boolean>
}

/** Each permission with its role default, override and the zones it is effective in. */
export function accessRows(role: Role, overrides: Overrides, active: boolean): AccessRow[] {
  const byZone = Object.fromEntries(
    ZONES.map((z) => [z, effectivePermissions(role, overrides, z)]),
  ) as Record<Zone, Set<Permission>>
  const choices = choicesOf(overrides)
  return PERMISSIONS.map((permission) => ({
    permission,
    inRole: ROLE_TEMPLATES[role].includes(permission),
    choice: choices[permission],
    zones: Object.fromEntries(
      ZONES.map((z) => [z, active && byZone[z].has(permission)]),
    ) as Record<Zone, boolean>,
  }))
}
