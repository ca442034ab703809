import type { FormatCell } from '../../server/analytics/format.js'
import type { Report } from '../../server/analytics/report.js'
import type { I18n } from '../../server/i18n/i18n.js'
import type { MessageKey } from '../../server/i18n/messages.js'
import { ChartScripts, ReportSection } from './report-section.js'

export interface MonthPageProps {
  i18n: I18n
  /** "YYYY-MM" and how people read it ("ноябрь 2026 г."). */
  month: string
  monthLabel: string
  error?: MessageKey
  /** Kopecks; pay is absent for someone without `billing.payroll` here. */
  summary: { accrued: number; received: number; pay?: number; materials: number }
  reports: Report[]
  format: FormatCell
  csvHref: (report: string) => string
  links: { prev: string; next: string; all: string; payroll?: string; stock?: string }
}

/**
 * Closing a month from Enamel alone: what was earned and received, what the doctors are owed
 * and what materials went, each with its table and CSV, and links to the detailed reports.
 */
export function MonthPage(props: MonthPageProps) {
  const { t } = props.i18n
  const f = props.format
  return (
    <section class="card analytics">
      <h1>{t('analytics.month_title', { month: props.monthLabel })}</h1>
      <nav aria-label={t('analytics.presets')} class="subnav">
        <a href={props.links.prev} rel="prev">
          ← {t('analytics.prev_month')}
        </a>
        <a href={props.links.next} rel="next">
          {t('analytics.next_month')} →
        </a>
        <a href={props.links.all}>{t('analytics.all_reports_link')}</a>
      </nav>
      <form method="get" action="/analytics/month" class="inline-form">
        <label for="month">{t('analytics.month')}</label>{' '}
        <input
          id="month"
          name="month"
          type="month"
          value={props.month}
          aria-invalid={props.error ? 'true' : undefined}
          required
        />{' '}
        <button type="submit" class="button">
          {t('analytics.show')}
        </button>
      </form>
      {props.error && (
        <p class="error-box" role="alert">
          {t(props.error)}
        </p>
      )}
      <section aria-labelledby="month-summary-h">
        <h2 id="month-summary-h">{t('analytics.month_summary')}</h2>
        <dl class="facts" data-testid="month-summary">
          <dt>{t('analytics.month_accrued')}</dt>
          <dd>{f('money', props.summary.accrued)}</dd>
          <dt>{t('analytics.month_received')}</dt>
          <dd>{f('money', props.summary.received)}</dd>
          {props.summary.pay !== undefined && (
            <>
              <dt>{t('analytics.month_pay')}</dt>
              <dd>{f('money', props.summary.pay)}</dd>
            </>
          )}
          <dt>{t('analytics.month_materials')}</dt>
          <dd>{f('money', props.summary.materials)}</dd>
        </dl>
        <p class="card-links">
          {props.links.payroll && <a href={props.links.payroll}>{t('analytics.payroll_link')}</a>}{' '}
          {props.links.stock && <a href={props.links.stock}>{t('analytics.stock_link')}</a>}
        </p>
      </section>
      {props.reports.map((r) => (
        <ReportSection i18n={props.i18n} report={r} format={f} csvHref={props.csvHref(r.id)} />
      ))}
      <ChartScripts />
    </section>
  )
}
