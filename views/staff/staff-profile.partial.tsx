import type { I18n } from '../../server/i18n/i18n.js'
import type { Role } from '../../server/policy/permissions.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'
import { RoleSelect } from './role-select.js'

export const STAFF_PROFILE_ID = 'staff-profile'

export interface StaffProfileProps {
  i18n: I18n
  csrfToken: string
  staffId: number
  isSelf: boolean
  /** The role on record, shown read-only on one's own page whatever a form sent. */
  currentRole: Role
  roles: readonly Role[]
  values: { fullName: string; role: string }
  errors?: { fullName?: string; role?: string; form?: string }
}

/** Name and role. One's own role is shown, not offered: nobody changes their own rights. */
export function StaffProfileForm(props: StaffProfileProps) {
  const { t } = props.i18n
  const e = props.errors ?? {}
  return (
    <section
      class="card staff-card"
      id={STAFF_PROFILE_ID}
      aria-labelledby={`${STAFF_PROFILE_ID}-title`}
    >
      <h2 id={`${STAFF_PROFILE_ID}-title`}>{t('staff.edit.profile')}</h2>
      {e.form && (
        <p class="error-box" role="alert">
          {e.form}
        </p>
      )}
      <form method="post" action={`/admin/staff/${props.staffId}/update`}>
        <CsrfField token={props.csrfToken} />
        <Field
          id="edit-full-name"
          name="full_name"
          label={t('staff.field.full_name')}
          value={props.values.fullName}
          error={e.fullName}
          autocomplete="off"
          required
        />
        {props.isSelf ? (
          <>
            <p>
              {t('staff.field.role')}: {t(`role.${props.currentRole}`)}
            </p>
            <p class="hint">{t('staff.edit.own_role')}</p>
            <input type="hidden" name="role" value={props.currentRole} />
          </>
        ) : (
          <RoleSelect
            i18n={props.i18n}
            id="edit-role"
            roles={props.roles}
            value={props.values.role}
            error={e.role}
          />
        )}
        <button type="submit" class="primary">
          {t('staff.edit.save')}
        </button>
      </form>
    </section>
  )
}
