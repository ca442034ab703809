import type { I18n } from '../../server/i18n/i18n.js'

/** A refusal or failure, with no detail an attacker could use. */
export function ErrorMessage(props: { i18n: I18n; message: string }) {
  const { t } = props.i18n
  return (
    <section class="card narrow" role="alert">
      <h1>{t('error.title')}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{t('error.back')}</a>
      </p>
    </section>
  )
}
