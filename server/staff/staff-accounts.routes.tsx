import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { OneTimePasswordPage } from '../../views/staff/one-time-password.page.js'
import { StaffListPage, type StaffListProps } from '../../views/staff/staff-list.page.js'
import { loginKey } from '../auth/auth.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import type { Role } from '../policy/permissions.js'
import { loadClinicSettings } from './clinic-settings.service.js'
import { requireSecondFactor } from './second-factor.js'
import {
  assertMayManage,
  setStaffActive,
  StaffRuleError,
  updateStaffProfile,
} from './staff-admin.service.js'
import { adminDeps, doneNotice, managerOf, renderEditPage, targetOf } from './staff-pages.js'
import { findStaffByLogin, listStaffOverview } from './staff.queries.js'
import { addStaff, LOGIN_PATTERN, resetStaffPassword, StaffError } from './staff.service.js'
import { ROLES } from './staff.table.js'

type Ctx = Context<AppEnv>

// Names are shown on every screen and written to logs by id only; control characters are
// refused so that a name can never forge a line anywhere.
const fullName = z.string().trim().max(2000).default('')
const profileForm = z.object({ full_name: fullName, role: z.string().max(40).default('') })
const addForm = profileForm.extend({ login: z.string().trim().max(100).default('') })

type ProfileErrors = { fullName?: string; role?: string; login?: string; form?: string }

function checkProfile(c: Ctx, input: z.infer<typeof profileForm>): ProfileErrors {
  const { t } = c.get('i18n')
  const errors: ProfileErrors = {}
  if (!input.full_name) errors.fullName = t('staff.error.full_name_required')
  else if (input.full_name.length > 200 || /\p{Cc}/u.test(input.full_name)) {
    errors.fullName = t('staff.error.full_name_invalid')
  }
  if (!ROLES.includes(input.role as Role)) errors.role = t('staff.error.role')
  return errors
}

async function renderList(c: Ctx, add: Partial<StaffListProps['add']> = {}) {
  const s = c.get('services')
  const rows = await listStaffOverview(s.db)
  const props: StaffListProps = {
    i18n: c.get('i18n'),
    staff: rows.map((r) => ({
      id: r.id,
      login: r.login,
      fullName: r.full_name,
      role: r.role,
      active: r.active === 1,
      totp: r.totp_enabled === 1,
      lastLoginAt: (r.last_login_at as string | null) ?? null,
    })),
    settings: await loadClinicSettings(s.db),
    add: { csrfToken: c.get('csrfToken'), roles: ROLES, ...add },
  }
  return c.render(<StaffListPage {...props} />, { title: c.get('i18n').t('staff.title') })
}

/** Staff accounts (office): list, add, edit, block and unblock, new one-time password. */
export function staffAccountRoutes() {
  const app = new Hono<AppEnv>()
  const guard = [allow('admin.staff'), requireSecondFactor()] as const

  app.get('/admin/staff', ...guard, (c) => renderList(c))

  app.post('/admin/staff', ...guard, async (c) => {
    const { t } = c.get('i18n')
    const input = await form(c, addForm)
    const login = loginKey(input.login)
    const values = { login: input.login, fullName: input.full_name, role: input.role }
    const errors = checkProfile(c, input)
    if (!LOGIN_PATTERN.test(login)) errors.login = t('staff.error.login')
    else if (await findStaffByLogin(c.get('services').db, login))
      errors.login = t('staff.error.login_taken')
    let status: 403 | 422 = 422
    if (input.role === 'owner' && c.get('session')!.role !== 'owner') {
      errors.form = t('staff.rule.owner_only')
      status = 403
    }
    if (Object.keys(errors).length === 0) {
      try {
        const created = await addStaff(adminDeps(c), auditActor(c), {
          login,
          fullName: input.full_name,
          role: input.role,
        })
        return c.render(
          <OneTimePasswordPage
            i18n={c.get('i18n')}
            reason="created"
            staff={{ id: created.id, fullName: input.full_name, login: created.login }}
            password={created.password}
          />,
          { title: t('staff.otp.created') },
        )
      } catch (err) {
        // Only a login taken between the check and the insert gets here.
        if (!(err instanceof StaffError)) throw err
        errors.login = t('staff.error.login_taken')
      }
    }
    c.status(status)
    return renderList(c, { values, errors })
  })

  app.get('/admin/staff/:id', ...guard, async (c) => {
    const target = await targetOf(c)
    return renderEditPage(c, target, { notice: doneNotice(c) })
  })

  app.post('/admin/staff/:id/update', ...guard, async (c) => {
    const target = await targetOf(c)
    const input = await form(c, profileForm)
    const errors = checkProfile(c, input)
    const values = { fullName: input.full_name, role: input.role }
    if (Object.keys(errors).length === 0) {
      try {
        await updateStaffProfile(adminDeps(c), managerOf(c), target, {
          fullName: input.full_name,
          role: input.role as Role,
        })
        return c.redirect(`/admin/staff/${target.id}?done=saved`, 303)
      } catch (err) {
        if (!(err instanceof StaffRuleError)) throw err
        errors.form = c.get('i18n').t(err.messageKey)
        c.status(err.status)
        return renderEditPage(c, target, { profile: { values, errors } })
      }
    }
    c.status(422)
    return renderEditPage(c, target, { profile: { values, errors } })
  })

  for (const [verb, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/admin/staff/:id/${verb}`, ...guard, async (c) => {
      const target = await targetOf(c)
      try {
        await setStaffActive(adminDeps(c), managerOf(c), target, active)
      } catch (err) {
        if (!(err instanceof StaffRuleError)) throw err
        c.status(err.status)
        return renderEditPage(c, target, { account: { error: c.get('i18n').t(err.messageKey) } })
      }
      return c.redirect(`/admin/staff/${target.id}?done=${verb}d`, 303)
    })
  }

  app.post('/admin/staff/:id/reset-password', ...guard, async (c) => {
    const target = await targetOf(c)
    try {
      assertMayManage(managerOf(c), target)
    } catch (err) {
      if (!(err instanceof StaffRuleError)) throw err
      c.status(err.status)
      return renderEditPage(c, target, { account: { error: c.get('i18n').t(err.messageKey) } })
    }
    const reset = await resetStaffPassword(adminDeps(c), auditActor(c), target.login)
    return c.render(
      <OneTimePasswordPage
        i18n={c.get('i18n')}
        reason="reset"
        staff={{ id: target.id, fullName: target.full_name, login: reset.login }}
        password={reset.password}
      />,
      { title: c.get('i18n').t('staff.otp.reset') },
    )
  })

  return app
}
