import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'

export const STAFF_ACCOUNT_ID = 'staff-account'

export interface StaffAccountProps {
  i18n: I18n
  csrfToken: string
  staff: { id: number; login: string; active: boolean; totp: boolean }
  isSelf: boolean
  error?: string
}

/** Status and the two blunt instruments: block the account, give a new one-time password. */
export function StaffAccountSection(props: StaffAccountProps) {
  const { t } = props.i18n
  const s = props.staff
  const action = (verb: string, label: string, primary = false) => (
    <form method="post" action={`/admin/staff/${s.id}/${verb}`} class="inline-form">
      <CsrfField token={props.csrfToken} />
      <button type="submit" class={primary ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  )
  return (
    <section
      class="card staff-card"
      id={STAFF_ACCOUNT_ID}
      aria-labelledby={`${STAFF_ACCOUNT_ID}-title`}
    >
      <h2 id={`${STAFF_ACCOUNT_ID}-title`}>{t('staff.account.title')}</h2>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <dl class="facts">
        <dt>{t('staff.field.login')}</dt>
        <dd>
          <code>{s.login}</code>
        </dd>
        <dt>{t('staff.field.status')}</dt>
        <dd>{t(s.active ? 'staff.status.active' : 'staff.status.inactive')}</dd>
        <dt>{t('staff.field.totp')}</dt>
        <dd>{t(s.totp ? 'staff.totp.on' : 'staff.totp.off')}</dd>
      </dl>
      {props.isSelf ? (
        <p class="hint">{t('staff.account.own')}</p>
      ) : (
        <div class="actions">
          {s.active
            ? action('deactivate', t('staff.account.deactivate'), true)
            : action('reactivate', t('staff.account.reactivate'))}
          {action('reset-password', t('staff.account.reset_password'))}
        </div>
      )}
      {!props.isSelf && s.active && <p class="hint">{t('staff.account.deactivate_hint')}</p>}
    </section>
  )
}
