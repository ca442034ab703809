import type { I18n } from '../../server/i18n/i18n.js'
import { CsrfField } from '../components/csrf-field.js'
import type { FormatQuantity } from '../../server/stock/quantity.js'
import type { MaterialRow } from '../../server/stock/stock.queries.js'
import { LowStockWarning } from '../stock/low-stock.partial.js'

export interface HomeProps {
  i18n: I18n
  csrfToken: string
  staff: {
    fullName: string
    role: 'owner' | 'doctor' | 'assistant' | 'receptionist'
    locale: string
  }
  device: { name: string; zone: 'reception' | 'surgery' | 'office' }
  sessionStartedAt: string
  idleMinutes: number
  /** Shown to people who administer the box (owner's office). */
  system?: { version: string; clock: 'synchronized' | 'unsynchronized' | 'unknown' }
  /** The owner's shortcut to closing the month (analytics, office only). */
  closeMonth?: boolean
  /** Materials at or below their threshold, for people with stock.read. */
  lowStock?: MaterialRow[]
  quantity?: FormatQuantity
}

/** Who is logged in where, and the personal settings of the session. */
export function Home(props: HomeProps) {
  const { t } = props.i18n
  const zone = t(`zone.${props.device.zone}`)
  return (
    <section class="card">
      <h1>{t('home.welcome', { name: props.staff.fullName })}</h1>
      {props.lowStock && props.quantity && (
        <LowStockWarning i18n={props.i18n} materials={props.lowStock} quantity={props.quantity} />
      )}
      <dl class="facts">
        <dt>{t('home.user_label')}</dt>
        <dd data-testid="who">
          {t('home.who', { name: props.staff.fullName, role: t(`role.${props.staff.role}`) })}
        </dd>
        <dt>{t('home.terminal_label')}</dt>
        <dd data-testid="where">{t('home.where', { device: props.device.name, zone })}</dd>
        <dt>{t('home.session_label')}</dt>
        <dd>
          {t('home.session', {
            start: props.i18n.dateTime(props.sessionStartedAt),
            idle: props.idleMinutes,
          })}
        </dd>
      </dl>
      {props.closeMonth && (
        <p class="card-links">
          <a href="/analytics/month">{t('analytics.home_link')}</a>
        </p>
      )}
      {props.system && (
        <section aria-labelledby="system-heading" class="system-panel">
          <h2 id="system-heading">{t('home.system')}</h2>
          <p>{t('home.version', { version: props.system.version })}</p>
          {props.system.clock === 'unsynchronized' && (
            <p class="error-box" role="alert">
              {t('home.clock_unsynced')}
            </p>
          )}
          {props.system.clock === 'unknown' && <p class="muted">{t('home.clock_unknown')}</p>}
        </section>
      )}
      <form method="post" action="/language" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <label for="locale">{t('nav.language')}</label>{' '}
        <select id="locale" name="locale">
          <option value="ru" selected={props.i18n.locale === 'ru'}>
            {t('lang.ru')}
          </option>
          <option value="en" selected={props.i18n.locale === 'en'}>
            {t('lang.en')}
          </option>
        </select>{' '}
        <button type="submit">{t('lang.save')}</button>
      </form>
    </section>
  )
}
