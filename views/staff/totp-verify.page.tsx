import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

export interface TotpVerifyProps {
  i18n: I18n
  csrfToken: string
  next: string
  error?: string
}

/** The step-up before administration: a code from the app, once per session until it locks. */
export function TotpVerifyPage(props: TotpVerifyProps) {
  const { t } = props.i18n
  return (
    <section class="card narrow" aria-labelledby="totp-verify-title">
      <h1 id="totp-verify-title">{t('totp.verify.title')}</h1>
      <p>{t('totp.verify.text')}</p>
      <form method="post" action="/account/totp/verify">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <Field
          id="totp-code"
          name="code"
          label={t('totp.code')}
          hint={t('totp.code_hint')}
          autocomplete="one-time-code"
          error={props.error}
          required
          autofocus
        />
        <button type="submit" class="primary">
          {t('totp.verify.submit')}
        </button>
      </form>
    </section>
  )
}
