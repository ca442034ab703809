import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'

// The only pages of the enrollment listener, for a terminal that has no certificate yet.
// No app layout, no stylesheet, no script: the listener serves nothing else (DESIGN.md §2).

export function EnrollLayout(props: { i18n: I18n; title: string; children?: Child }) {
  return (
    <html lang={props.i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} — ${props.i18n.t('app.name')}`}</title>
      </head>
      <body>
        <main>{props.children}</main>
      </body>
    </html>
  )
}

export interface EnrollFormProps {
  i18n: I18n
  /** This window's own path, /enroll/<token>. */
  action: string
  error?: string
}

/** The PIN form; the POST answers with the bundle, or this form again with the error. */
export function EnrollForm(props: EnrollFormProps) {
  const { t } = props.i18n
  return (
    <>
      <h1>{t('enroll.site.title')}</h1>
      <p>{t('enroll.site.text')}</p>
      {props.error && (
        <p role="alert" id="pin-error">
          <strong>{props.error}</strong>
        </p>
      )}
      <form method="post" action={props.action}>
        <p>
          <label for="pin">{t('enroll.site.pin')}</label>{' '}
          <input
            id="pin"
            name="pin"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={12}
            required
            autofocus
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'pin-error' : undefined}
          />{' '}
          <button type="submit">{t('enroll.site.submit')}</button>
        </p>
      </form>
      <p>{t('enroll.site.after')}</p>
    </>
  )
}

/** Closed window, unknown address, refused or failed request: one sentence, no detail. */
export function EnrollMessage(props: { i18n: I18n; message: string }) {
  return (
    <>
      <h1>{props.i18n.t('enroll.site.title')}</h1>
      <p role="alert">{props.message}</p>
    </>
  )
}
