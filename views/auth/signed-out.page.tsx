import type { I18n } from '../../server/i18n/i18n.js'

export function SignedOut(props: { i18n: I18n }) {
  const { t } = props.i18n
  return (
    <section class="card narrow">
      <h1>{t('logout.done')}</h1>
      <p>
        <a href="/login" class="button primary">
          {t('login.submit')}
        </a>
      </p>
    </section>
  )
}
