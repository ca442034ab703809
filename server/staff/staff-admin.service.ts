import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import { endSessionsOfStaff } from '../auth/auth.queries.js'
import type { Db, DbOrTrx } from '../database.js'
import type { MessageKey } from '../i18n/messages.js'
import type { Role } from '../policy/permissions.js'
import { countOtherActiveOwners, updateStaff } from './staff.queries.js'
import type { Staff } from './staff.table.js'

/** A refused staff change, shown to the owner as a translated message with a status. */
export class StaffRuleError extends Error {
  override name = 'StaffRuleError'
  constructor(
    readonly messageKey: MessageKey,
    readonly status: 403 | 422 = 422,
  ) {
    super(messageKey)
  }
}

/** The person making a change: their audit identity and the role that bounds what they may give. */
export interface Manager {
  id: number
  role: Role
  audit: AuditActor
}

export interface AdminDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
}

/**
 * Rules every change to someone's account obeys. Nobody changes their own role, rights or
 * status here (no self-escalation, no locking oneself out; one's password is on /password),
 * and only an owner may touch an owner's account or make someone an owner.
 * @throws StaffRuleError
 */
export function assertMayManage(manager: Manager, target: Pick<Staff, 'id' | 'role'>): void {
  if (target.id === manager.id) throw new StaffRuleError('staff.rule.self')
  if (target.role === 'owner' && manager.role !== 'owner') {
    throw new StaffRuleError('staff.rule.owner_only', 403)
  }
}

/** The clinic never loses its last active owner (nobody could administer it any more). */
async function assertOwnerRemains(db: DbOrTrx, target: Staff): Promise<void> {
  if (target.role === 'owner' && target.active === 1) {
    if ((await countOtherActiveOwners(db, target.id)) === 0) {
      throw new StaffRuleError('staff.rule.last_owner')
    }
  }
}

/**
 * Changes the name and the role; a role change is audited old → new. The name may be one's own.
 * @throws StaffRuleError
 */
export async function updateStaffProfile(
  deps: AdminDeps,
  manager: Manager,
  target: Staff,
  input: { fullName: string; role: Role },
): Promise<void> {
  const roleChanges = input.role !== target.role
  if (roleChanges) {
    assertMayManage(manager, target)
    if (input.role === 'owner' && manager.role !== 'owner') {
      throw new StaffRuleError('staff.rule.owner_only', 403)
    }
  } else if (target.id !== manager.id && target.role === 'owner' && manager.role !== 'owner') {
    throw new StaffRuleError('staff.rule.owner_only', 403)
  }
  const nameChanges = input.fullName !== target.full_name
  if (!roleChanges && !nameChanges) return
  await deps.db.transaction().execute(async (trx) => {
    // Checked inside the transaction, so two owners demoting each other cannot both succeed.
    if (roleChanges) await assertOwnerRemains(trx, target)
    await updateStaff(trx, target.id, {
      full_name: input.fullName,
      role: input.role,
      updated_at: deps.now().toISOString(),
    })
    if (nameChanges) {
      // Staff names are not patient data, but the audit keeps only the fact of the change.
      await recordAudit(
        trx,
        deps.auditKey,
        manager.audit,
        {
          action: 'staff.update',
          details: { staff: target.id, field: 'full_name' },
        },
        deps.now(),
      )
    }
    if (roleChanges) {
      await recordAudit(
        trx,
        deps.auditKey,
        manager.audit,
        {
          action: 'staff.role_change',
          details: { staff: target.id, old: target.role, new: input.role },
        },
        deps.now(),
      )
    }
  })
}

/**
 * Blocks or unblocks an account. Blocking ends every session of the person at once, so the
 * next request from any of their terminals goes back to the sign-in form.
 * @throws StaffRuleError
 */
export async function setStaffActive(
  deps: AdminDeps,
  manager: Manager,
  target: Staff,
  active: boolean,
): Promise<void> {
  assertMayManage(manager, target)
  if ((target.active === 1) === active) {
    throw new StaffRuleError(active ? 'staff.rule.already_active' : 'staff.rule.already_inactive')
  }
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    if (!active) await assertOwnerRemains(trx, target)
    await updateStaff(trx, target.id, { active: active ? 1 : 0, updated_at: at })
    if (!active) await endSessionsOfStaff(trx, target.id, at, 'deactivated')
    await recordAudit(
      trx,
      deps.auditKey,
      manager.audit,
      {
        action: active ? 'staff.reactivate' : 'staff.deactivate',
        details: {
          staff: target.id,
          old: active ? 'inactive' : 'active',
          new: active ? 'active' : 'inactive',
        },
      },
      deps.now(),
    )
  })
}
