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
import {
  assertMayManage,
  StaffRuleError,
  type AdminDeps,
  type Manager,
} from './staff-admin.service.js'
import { replaceOverrides } from './staff-permissions.queries.js'
import type { Staff } from './staff.table.js'

/** One row of the override form: keep the role's default, or grant, or deny. */
export type Choice = 'role' | 'grant' | 'deny'

/** "+billing.write -medical.sign": grants, then denials, each in catalogue order. */
export function compactOverrides(o: Overrides): string {
  const grants = PERMISSIONS.filter((p) => o.grants.includes(p) && !o.denials.includes(p))
  const denials = PERMISSIONS.filter((p) => o.denials.includes(p))
  return [...grants.map((p) => `+${p}`), ...denials.map((p) => `-${p}`)].join(' ')
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
    await recordAudit(
      trx,
      deps.auditKey,
      manager.audit,
      {
        action: 'staff.permissions_change',
        details: { staff: target.id, old: before, new: after },
      },
      deps.now(),
    )
    return true
  })
}

/** How one permission stands in one zone: on, on only through a grant, off by a denial, off. */
export type CellState = 'yes' | 'granted' | 'denied' | 'no'

/** What a view needs to show one permission of one person. */
export interface AccessRow {
  permission: Permission
  inRole: boolean
  choice: Choice
  /** Per zone; all 'no' for a blocked account, which has no access anywhere. */
  zones: Record<Zone, CellState>
}

/** Each permission with its role default, its override and its state in every zone. */
export function accessRows(role: Role, overrides: Overrides, active: boolean): AccessRow[] {
  const choices = choicesOf(overrides)
  const effective = new Map(ZONES.map((z) => [z, effectivePermissions(role, overrides, z)]))
  // The same person without their denials: tells "denied here" from "never allowed here".
  const undenied = new Map(
    ZONES.map((z) => [z, effectivePermissions(role, { ...overrides, denials: [] }, z)]),
  )
  return PERMISSIONS.map((permission) => {
    const inRole = ROLE_TEMPLATES[role].includes(permission)
    const state = (z: Zone): CellState => {
      if (!active) return 'no'
      if (effective.get(z)!.has(permission)) return inRole ? 'yes' : 'granted'
      return undenied.get(z)!.has(permission) ? 'denied' : 'no'
    }
    return {
      permission,
      inRole,
      choice: choices[permission],
      zones: Object.fromEntries(ZONES.map((z) => [z, state(z)])) as Record<Zone, CellState>,
    }
  })
}
