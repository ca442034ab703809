import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

export const LOGIN_FORM_ID = 'login-form'

export interface LoginFormProps {
  i18n: I18n
  csrfToken: string
  device: { name: string; zone: 'reception' | 'surgery' | 'office' }
  login?: string
  error?: string
  notice?: string
}

/** The sign-in form; the same markup answers a failed attempt (status 401/429). */
export function LoginForm(props: LoginFormProps) {
  const { t } = props.i18n
  return (
    <section class="card narrow" id={LOGIN_FORM_ID}>
      <h1>{t('login.title')}</h1>
      <p class="muted">
        {t('login.device', { name: props.device.name, zone: t(`zone.${props.device.zone}`) })}
      </p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/login">
        <CsrfField token={props.csrfToken} />
        <Field
          id="login"
          name="login"
          label={t('login.login')}
          value={props.login}
          autocomplete="username"
          required
          autofocus={!props.login}
        />
        <Field
          id="password"
          name="password"
          type="password"
          label={t('login.password')}
          autocomplete="current-password"
          required
          autofocus={!!props.login}
        />
        <button type="submit" class="primary">
          {t('login.submit')}
        </button>
      </form>
    </section>
  )
}
