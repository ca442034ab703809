import type { I18n } from '../../server/i18n/i18n.js'

export interface OneTimePasswordProps {
  i18n: I18n
  reason: 'created' | 'reset'
  staff: { id: number; fullName: string; login: string }
  password: string
}

/** The one and only time a one-time password is shown; it is stored nowhere in clear. */
export function OneTimePasswordPage(props: OneTimePasswordProps) {
  const { t } = props.i18n
  return (
    <section class="card narrow" aria-labelledby="otp-title">
      <h1 id="otp-title">
        {t(props.reason === 'created' ? 'staff.otp.created' : 'staff.otp.reset')}
      </h1>
      <dl class="facts">
        <dt>{t('staff.field.full_name')}</dt>
        <dd>{props.staff.fullName}</dd>
        <dt>{t('staff.field.login')}</dt>
        <dd>
          <code>{props.staff.login}</code>
        </dd>
        <dt>{t('staff.otp.password')}</dt>
        <dd>
          <code class="one-time-password" data-testid="one-time-password">
            {props.password}
          </code>
        </dd>
      </dl>
      <p class="notice" role="status">
        {t('staff.otp.once')}
      </p>
      <p>
        <a href={`/admin/staff/${props.staff.id}`}>{t('staff.otp.to_employee')}</a>
      </p>
    </section>
  )
}
