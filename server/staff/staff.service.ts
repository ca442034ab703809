import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import { clearLoginFailures, endSessionsOfStaff } from '../auth/auth.queries.js'
import { loginKey } from '../auth/auth.service.js'
import { generateOneTimePassword, hashPassword } from '../auth/password.js'
import type { Db } from '../database.js'
import { findStaffByLogin, insertStaff, updateStaff } from './staff.queries.js'
import { ROLES, type Role } from './staff.table.js'

/** An operator or owner mistake about staff (taken login, bad role); one readable line. */
export class StaffError extends Error {
  override name = 'StaffError'
}

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/

export interface StaffDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
}

/**
 * Creates an account with a one-time password the person must change at first login.
 * @throws StaffError for a malformed or taken login, an unknown role or an empty name.
 */
export async function addStaff(
  deps: StaffDeps,
  actor: AuditActor,
  input: { login: string; fullName: string; role: string },
): Promise<{ id: number; login: string; password: string }> {
  const login = loginKey(input.login)
  if (!LOGIN_PATTERN.test(login)) {
    throw new StaffError('login: 2-32 latin letters, digits, dots, dashes or underscores')
  }
  if (!ROLES.includes(input.role as Role)) {
    throw new StaffError(
      `role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(input.role)})`,
    )
  }
  const fullName = input.fullName.trim()
  if (fullName.length < 1 || fullName.length > 200) throw new StaffError('name: 1-200 characters')
  if (await findStaffByLogin(deps.db, login))
    throw new StaffError(`login ${login} is already taken`)
  const password = generateOneTimePassword()
  const hash = await hashPassword(password)
  const at = deps.now().toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await insertStaff(trx, {
      login,
      full_name: fullName,
      role: input.role as Role,
      password_hash: hash,
      must_change_password: 1,
      locale: null,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: at,
      updated_at: at,
    })
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'staff.create',
        details: { staff: id, login, role: input.role },
      },
      deps.now(),
    )
    return id
  })
  return { id, login, password }
}

/**
 * Gives an account a new one-time password, ends its sessions and lifts a lockout.
 * @throws StaffError when the login does not exist.
 */
export async function resetStaffPassword(
  deps: StaffDeps,
  actor: AuditActor,
  login: string,
): Promise<{ id: number; login: string; password: string }> {
  const staff = await findStaffByLogin(deps.db, loginKey(login))
  if (!staff) throw new StaffError(`no staff member with login ${loginKey(login)}`)
  const password = generateOneTimePassword()
  const hash = await hashPassword(password)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, staff.id, {
      password_hash: hash,
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
    })
    await endSessionsOfStaff(trx, staff.id, at, 'password_reset')
    await clearLoginFailures(trx, staff.login.toLowerCase())
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'staff.password_reset',
        details: { staff: staff.id, login: staff.login },
      },
      deps.now(),
    )
  })
  return { id: staff.id, login: staff.login, password }
}
