import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import { PatientSearchBox } from '../components/patient-search-box.js'

/** What every full page shows about who is where; absent before login. */
export interface LayoutProps {
  title: string
  i18n: I18n
  csrfToken: string
  /** Absent only on the refusal page of an unknown terminal. */
  device?: { name: string; zone: 'reception' | 'surgery' | 'office' }
  staff?: { fullName: string; role: string }
  /** Sections this person may open at this terminal, already translated. */
  nav?: { href: string; label: string }[]
  /** A warning every page of this terminal shows (stale backups), already translated. */
  banner?: string
  /** The patient search box, for people who may read patient contacts here. */
  patientSearch?: boolean
  children?: Child
}

// htmx without eval, inline styles or script tags (CSP), with no history snapshots in
// localStorage (they would hold patient data), and 422 responses swapped so forms re-render.
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

export const MAIN_ID = 'main'

export function Layout(props: LayoutProps) {
  const { t, locale } = props.i18n
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${props.title} — ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/vendor/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body
        hx-headers={JSON.stringify({ 'X-CSRF-Token': props.csrfToken })}
        hx-history="false"
        class={props.device ? `zone-${props.device.zone}` : undefined}
      >
        <a class="skip-link" href={`#${MAIN_ID}`}>
          {t('app.skip')}
        </a>
        <header class="topbar">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          {props.device && (
            <span class="terminal">
              <span class="zone-badge">{t(`zone.${props.device.zone}`)}</span> {props.device.name}
            </span>
          )}
          {props.staff && (
            <nav class="user-nav" aria-label={t('nav.main')}>
              <a href="/">{t('nav.home')}</a>
              {(props.nav ?? []).map((item) => (
                <a href={item.href}>{item.label}</a>
              ))}
              <span class="staff-name">{props.staff.fullName}</span>
              <form method="post" action="/lock" class="inline-form">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="link-button">
                  {t('nav.lock')}
                </button>
              </form>
              {props.device?.zone === 'surgery' && (
                <form method="post" action="/switch-user" class="inline-form">
                  <input type="hidden" name="_csrf" value={props.csrfToken} />
                  <button type="submit" class="link-button">
                    {t('nav.switch_user')}
                  </button>
                </form>
              )}
              <form method="post" action="/logout" class="inline-form">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit" class="link-button">
                  {t('nav.logout')}
                </button>
              </form>
            </nav>
          )}
          {props.staff && props.patientSearch && (
            <PatientSearchBox i18n={props.i18n} csrfToken={props.csrfToken} />
          )}
        </header>
        {props.banner && (
          <p class="error-box site-banner" role="alert">
            {props.banner}
          </p>
        )}
        <main id={MAIN_ID} tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  )
}
