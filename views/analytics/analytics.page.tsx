import type { FormatCell } from '../../server/analytics/format.js'
import type { Report } from '../../server/analytics/report.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { ChartScripts, ReportSection } from './report-section.js'

export interface PeriodLink {
  label: MessageKey
  href: string
  current: boolean
}

export interface AnalyticsPageProps {
  i18n: I18n
  /** What the form shows: the period in effect, or the input that was refused. */
  values: { from: string; to: string }
  /** Shown when the period in the query string was refused (422). */
  error?: MessageKey
  presets: PeriodLink[]
  /** The month-close page of the period, when the period is one whole month. */
  monthHref?: string
  reports: Report[]
  format: FormatCell
  csvHref: (report: string) => string
}

/** The owner's analytics: a period filter, then one section per report. Aggregates only. */
export function AnalyticsPage(props: AnalyticsPageProps) {
  const { t } = props.i18n
  return (
    <section class="card analytics">
      <h1>{t('analytics.title')}</h1>
      <p class="muted">{t('analytics.intro')}</p>
      <PeriodFilter {...props} />
      {props.monthHref && (
        <p>
          <a href={props.monthHref}>{t('analytics.month_link')}</a>
        </p>
      )}
      {props.reports.length > 0 && (
        <nav aria-label={t('analytics.sections')} class="subnav analytics-toc">
          {props.reports.map((r) => (
            <a href={`#report-${r.id}`}>{t(r.title)}</a>
          ))}
        </nav>
      )}
      {props.reports.map((r) => (
        <ReportSection
          i18n={props.i18n}
          report={r}
          format={props.format}
          csvHref={props.csvHref(r.id)}
        />
      ))}
      <ChartScripts />
    </section>
  )
}

function PeriodFilter(props: AnalyticsPageProps) {
  const { t } = props.i18n
  return (
    <>
      <nav aria-label={t('analytics.presets')} class="subnav">
        {props.presets.map((p) => (
          <a href={p.href} aria-current={p.current ? 'page' : undefined}>
            {t(p.label)}
          </a>
        ))}
      </nav>
      <form method="get" action="/analytics" class="audit-filter analytics-filter">
        <fieldset>
          <legend>{t('analytics.period')}</legend>
          {props.error && (
            <p class="error-box" role="alert" id="period-error">
              {t(props.error)}
            </p>
          )}
          <div class={props.error ? 'field has-error' : 'field'}>
            <label for="period-from">{t('analytics.from')}</label>
            <input
              id="period-from"
              name="from"
              type="date"
              value={props.values.from}
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={props.error ? 'period-error' : undefined}
              required
            />
          </div>
          <div class={props.error ? 'field has-error' : 'field'}>
            <label for="period-to">{t('analytics.to')}</label>
            <input
              id="period-to"
              name="to"
              type="date"
              value={props.values.to}
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={props.error ? 'period-error' : undefined}
              required
            />
          </div>
          <button type="submit" class="button primary">
            {t('analytics.show')}
          </button>
        </fieldset>
      </form>
    </>
  )
}
