import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

export const PASSWORD_FORM_ID = 'password-form'

export interface PasswordFormProps {
  i18n: I18n
  csrfToken: string
  login: string
  firstLogin: boolean
  errors?: { current?: string; password?: string; repeat?: string }
}

/** Change of one's own password; shown first thing after a one-time password. */
export function PasswordForm(props: PasswordFormProps) {
  const { t } = props.i18n
  const e = props.errors ?? {}
  return (
    <section class="card narrow" id={PASSWORD_FORM_ID}>
      <h1>{t('password.title')}</h1>
      {props.firstLogin && <p class="notice">{t('password.first')}</p>}
      <form method="post" action="/password">
        <CsrfField token={props.csrfToken} />
        {/* Lets password managers attach the new password to the right account. */}
        <input type="hidden" name="username" value={props.login} autocomplete="username" />
        <Field
          id="current"
          name="current"
          type="password"
          label={t('password.current')}
          autocomplete="current-password"
          error={e.current}
          required
          autofocus
        />
        <Field
          id="new-password"
          name="password"
          type="password"
          label={t('password.new')}
          autocomplete="new-password"
          hint={t('password.hint')}
          error={e.password}
          required
        />
        <Field
          id="repeat"
          name="repeat"
          type="password"
          label={t('password.repeat')}
          autocomplete="new-password"
          error={e.repeat}
          required
        />
        <button type="submit" class="primary">
          {t('password.submit')}
        </button>
      </form>
    </section>
  )
}
