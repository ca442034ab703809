import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import { Field } from '../components/field.js'

export const TOTP_SECTION_ID = 'totp'

export interface TotpPageProps {
  i18n: I18n
  csrfToken: string
  state: 'off' | 'pending' | 'on'
  /** Only while setting up: the secret to type into the app, and the same as a URI. */
  setup?: { secret: string; uri: string }
  /** True when the clinic requires a second factor for administration and this person has none. */
  required?: boolean
  notice?: string
  error?: string
}

function CodeForm(props: {
  i18n: I18n
  csrfToken: string
  action: string
  submit: string
  error?: string
}) {
  const { t } = props.i18n
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrfToken} />
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
        {props.submit}
      </button>
    </form>
  )
}

/** One's own second factor: set it up (secret shown as text, no outside QR service), or turn it off. */
export function TotpPage(props: TotpPageProps) {
  const { t } = props.i18n
  return (
    <section class="card narrow" id={TOTP_SECTION_ID} aria-labelledby="totp-title">
      <h1 id="totp-title">{t('totp.title')}</h1>
      {props.required && <p class="notice">{t('totp.required')}</p>}
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.state === 'on' && (
        <>
          <p>{t('totp.is_on')}</p>
          <h2>{t('totp.disable')}</h2>
          <CodeForm
            i18n={props.i18n}
            csrfToken={props.csrfToken}
            action="/account/totp/disable"
            submit={t('totp.disable')}
            error={props.error}
          />
        </>
      )}
      {props.state === 'off' && (
        <>
          <p>{t('totp.intro')}</p>
          <form method="post" action="/account/totp/setup">
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="primary">
              {t('totp.start')}
            </button>
          </form>
        </>
      )}
      {props.state === 'pending' && props.setup && (
        <>
          <ol class="steps">
            <li>{t('totp.step_app')}</li>
            <li>
              {t('totp.step_secret')}
              <p>
                <code class="totp-secret" data-testid="totp-secret">
                  {props.setup.secret}
                </code>
              </p>
              <details>
                <summary>{t('totp.uri')}</summary>
                <p>
                  <code class="totp-uri" data-testid="totp-uri">
                    {props.setup.uri}
                  </code>
                </p>
              </details>
            </li>
            <li>{t('totp.step_confirm')}</li>
          </ol>
          <CodeForm
            i18n={props.i18n}
            csrfToken={props.csrfToken}
            action="/account/totp/enable"
            submit={t('totp.enable')}
            error={props.error}
          />
        </>
      )}
    </section>
  )
}
