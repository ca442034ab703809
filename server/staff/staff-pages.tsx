import type { Context } from 'hono'
import { StaffEditPage, type StaffEditProps } from '../../views/staff/staff-edit.page.js'
import { auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import type { MessageKey } from '../i18n/messages.js'
import { loadOverrides } from '../policy/policy.js'
import type { AdminDeps, Manager } from './staff-admin.service.js'
import { accessRows } from './staff-permissions.service.js'
import { findStaffById } from './staff.queries.js'
import { ROLES, type Staff } from './staff.table.js'

// Glue shared by the staff route modules: who acts, which employee the URL names, and the
// edit page every mutation re-renders when it refuses.

type Ctx = Context<AppEnv>

export function adminDeps(c: Ctx): AdminDeps {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now }
}

export function managerOf(c: Ctx): Manager {
  const session = c.get('session')!
  return { id: session.staffId, role: session.role, audit: auditActor(c) }
}

/** The employee named by `:id` (object-level check: anything else is a 404). */
export async function targetOf(c: Ctx): Promise<Staff> {
  const raw = c.req.param('id') ?? ''
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN
  const staff = Number.isSafeInteger(id) ? await findStaffById(c.get('services').db, id) : undefined
  if (!staff) throw notFound()
  return staff
}

/** Messages an edit page may show after a redirect (`?done=`); anything else shows nothing. */
const DONE: Record<string, MessageKey> = {
  saved: 'staff.done.saved',
  deactivated: 'staff.done.deactivated',
  reactivated: 'staff.done.reactivated',
  permissions: 'staff.done.permissions',
}

export function doneNotice(c: Ctx): string | undefined {
  const key = DONE[c.req.query('done') ?? '']
  return key ? c.get('i18n').t(key) : undefined
}

export async function accessProps(c: Ctx, target: Staff) {
  const overrides = await loadOverrides(c.get('services').db, target.id)
  return {
    csrfToken: c.get('csrfToken'),
    staffId: target.id,
    editable: target.id !== c.get('session')!.staffId,
    active: target.active === 1,
    rows: accessRows(target.role, overrides, target.active === 1),
  }
}

/** The whole edit page, with whatever a refused form wants to keep or say. */
export async function renderEditPage(
  c: Ctx,
  target: Staff,
  patch: {
    notice?: string
    profile?: Partial<StaffEditProps['profile']>
    account?: Partial<StaffEditProps['account']>
    access?: Partial<StaffEditProps['access']>
  } = {},
) {
  const isSelf = target.id === c.get('session')!.staffId
  const props: StaffEditProps = {
    i18n: c.get('i18n'),
    fullName: target.full_name,
    notice: patch.notice,
    profile: {
      csrfToken: c.get('csrfToken'),
      staffId: target.id,
      isSelf,
      currentRole: target.role,
      roles: ROLES,
      values: { fullName: target.full_name, role: target.role },
      ...patch.profile,
    },
    account: {
      csrfToken: c.get('csrfToken'),
      staff: {
        id: target.id,
        login: target.login,
        active: target.active === 1,
        totp: target.totp_enabled === 1,
      },
      isSelf,
      ...patch.account,
    },
    access: { ...(await accessProps(c, target)), ...patch.access },
  }
  return c.render(<StaffEditPage {...props} />, { title: target.full_name })
}
