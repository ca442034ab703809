import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

export const LOCK_FORM_ID = 'lock-form'

/** The lock screen of an idle terminal: no patient data, only who may unlock it. */
export function LockForm(props: {
  i18n: I18n
  csrfToken: string
  fullName: string
  error?: string
}) {
  const { t } = props.i18n
  return (
    <section class="card narrow" id={LOCK_FORM_ID}>
      <h1>{t('lock.title')}</h1>
      <p>{t('lock.text', { name: props.fullName })}</p>
      {props.error && (
        <p class="error-box" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/unlock">
        <CsrfField token={props.csrfToken} />
        <Field
          id="password"
          name="password"
          type="password"
          label={t('login.password')}
          autocomplete="current-password"
          required
          autofocus
        />
        <button type="submit" class="primary">
          {t('lock.submit')}
        </button>
      </form>
      <form method="post" action="/logout" class="secondary-action">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="link-button">
          {t('lock.other')}
        </button>
      </form>
    </section>
  )
}
