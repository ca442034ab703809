import { actionLabel, outcomeLabel } from '../../server/audit/actions.js'
import type { AuditRow } from '../../server/audit/audit.queries.js'
import { dayStartUtc, parseIsoDate } from '../../server/audit/period.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { Field } from '../components/field.js'
import { patientText, personText, TerminalCell } from './event-cells.js'

export interface PatientReportProps {
  i18n: I18n
  patientId: number
  clinicName: string
  generatedAt: string
  generatedBy: string
  /** Dates as typed (YYYY-MM-DD), shown back in the period form. */
  from?: string
  to?: string
  rows: AuditRow[]
  truncated: boolean
  limit?: number
  errors?: string[]
}

/** Events grouped by their day in the clinic's time zone, in time order. */
function byDay(i18n: I18n, rows: AuditRow[]): [string, AuditRow[]][] {
  const groups = new Map<string, AuditRow[]>()
  for (const r of rows) {
    const day = i18n.date(r.at)
    groups.set(day, [...(groups.get(day) ?? []), r])
  }
  return [...groups]
}

/** A printable answer to "who looked at my records" (152-ФЗ ст.14, 323-ФЗ ст.13). */
export function PatientReport(props: PatientReportProps) {
  const { i18n } = props
  const { t } = i18n
  // The typed date in the clinic's format: its start in the clinic's zone is on that date.
  const day = (date: string) =>
    parseIsoDate(date) ? i18n.date(dayStartUtc(date, i18n.timeZone)) : date
  const name = props.rows[0] ? patientText(t, props.rows[0]) : undefined
  return (
    <section class="card audit-report">
      <h1>{t('audit.report.title', { id: props.patientId })}</h1>
      {name && name !== t('audit.patient_no', { id: props.patientId }) && <p>{name}</p>}
      <p>{t('audit.report.basis')}</p>
      <p>{t('audit.report.clinic', { name: props.clinicName })}</p>
      <p>
        {props.from || props.to
          ? t('audit.report.period', {
              from: props.from ? day(props.from) : t('audit.report.open_end'),
              to: props.to ? day(props.to) : t('audit.report.open_end'),
            })
          : t('audit.report.all_time')}
      </p>
      <p>
        {t('audit.report.generated', {
          at: i18n.dateTime(props.generatedAt),
          by: props.generatedBy,
        })}
      </p>
      <form
        method="get"
        action={`/audit/patients/${props.patientId}`}
        class="no-print audit-period"
      >
        <Field
          id="report-from"
          name="from"
          type="date"
          label={t('audit.filter.from')}
          value={props.from}
        />
        <Field id="report-to" name="to" type="date" label={t('audit.filter.to')} value={props.to} />
        <button type="submit">{t('audit.report.period_submit')}</button>{' '}
        <a href="/audit">{t('audit.report.back')}</a>
      </form>
      <p class="muted no-print">{t('audit.report.print_hint')}</p>
      {props.errors && props.errors.length > 0 ? (
        <div class="error-box" role="alert">
          {props.errors.map((m) => (
            <p>{m}</p>
          ))}
        </div>
      ) : props.rows.length === 0 ? (
        <p>{t('audit.report.empty')}</p>
      ) : (
        <>
          <p>{t('audit.report.count', { n: props.rows.length })}</p>
          {props.truncated && (
            <p class="notice">
              {t('audit.report.truncated', { n: props.limit ?? props.rows.length })}
            </p>
          )}
          {byDay(i18n, props.rows).map(([day, rows]) => (
            <table class="audit-table">
              <caption>{day}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.staff')}</th>
                  <th scope="col">{t('audit.col.device')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr>
                    <td>
                      <time datetime={e.at}>{i18n.dateTime(e.at)}</time>
                    </td>
                    <td>{personText(t, e)}</td>
                    <td>
                      <TerminalCell t={t} e={e} />
                    </td>
                    <td>{actionLabel(t, e.action, e.outcome)}</td>
                    <td>{outcomeLabel(t, e.outcome)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
      <p class="audit-signature">{t('audit.report.signature')}</p>
    </section>
  )
}
