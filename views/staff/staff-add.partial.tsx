import type { I18n } from '../../server/i18n/i18n.js'
import type { Role } from '../../server/policy/permissions.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { RoleSelect } from './role-select.js'

export const STAFF_ADD_ID = 'staff-add'

export interface StaffAddProps {
  i18n: I18n
  csrfToken: string
  roles: readonly Role[]
  values?: { login?: string; fullName?: string; role?: string }
  errors?: { login?: string; fullName?: string; role?: string; form?: string }
}

/** New account: login, name, role; the one-time password is shown on the next page only. */
export function StaffAddForm(props: StaffAddProps) {
  const { t } = props.i18n
  const v = props.values ?? {}
  const e = props.errors ?? {}
  return (
    <section class="card staff-card" id={STAFF_ADD_ID} aria-labelledby={`${STAFF_ADD_ID}-title`}>
      <h2 id={`${STAFF_ADD_ID}-title`}>{t('staff.add.title')}</h2>
      {e.form && (
        <p class="error-box" role="alert">
          {e.form}
        </p>
      )}
      <form method="post" action="/admin/staff">
        <CsrfField token={props.csrfToken} />
        <Field
          id="add-login"
          name="login"
          label={t('staff.field.login')}
          hint={t('staff.field.login_hint')}
          value={v.login}
          error={e.login}
          autocomplete="off"
          required
        />
        <Field
          id="add-full-name"
          name="full_name"
          label={t('staff.field.full_name')}
          value={v.fullName}
          error={e.fullName}
          autocomplete="off"
          required
        />
        <RoleSelect
          i18n={props.i18n}
          id="add-role"
          roles={props.roles}
          value={v.role}
          error={e.role}
        />
        <button type="submit" class="primary">
          {t('staff.add.submit')}
        </button>
      </form>
    </section>
  )
}
