import type { I18n } from '../../server/i18n/i18n.js'
import type { Role } from '../../server/policy/permissions.js'

/** The role picker of the add and edit forms, labelled, with its error tied to it. */
export function RoleSelect(props: {
  i18n: I18n
  id: string
  roles: readonly Role[]
  value?: string
  error?: string
}) {
  const { t } = props.i18n
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{t('staff.field.role')}</label>
      <select
        id={props.id}
        name="role"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {/* No preselected role on a new account: "owner" must never be the default. */}
        {!props.value && <option value="">{t('staff.field.role_choose')}</option>}
        {props.roles.map((r) => (
          <option value={r} selected={r === props.value}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      {props.error && (
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  )
}
