import type { ChartHistoryRow } from '../../server/chart/chart.queries.js'
import { parseMarks } from '../../server/chart/tooth-codes.js'
import type { I18n } from '../../server/i18n/i18n.js'
import { formatDay } from '../../server/medical/format.js'
import { PatientBanner, type BannerPatient } from '../medical/patient-banner.js'
import { describeMarks } from './describe.js'

/**
 * Every mark ever made, newest first (who, where, when, draft or signed), and the days to
 * see the whole chart as it was: the visits' days and the days the chart changed.
 */
export function ChartHistoryPage(props: {
  i18n: I18n
  patient: BannerPatient
  rows: ChartHistoryRow[]
  days: string[]
}) {
  const { t } = props.i18n
  const base = `/patients/${props.patient.id}/chart`
  return (
    <article class="card">
      <PatientBanner i18n={props.i18n} patient={props.patient} current="chart" />
      <h1>{t('chart.history')}</h1>
      {props.days.length > 0 && (
        <ul class="chart-days">
          {props.days.map((d) => (
            <li>
              <a href={`${base}?at=${d}`}>
                {t('chart.history.view')}: {formatDay(props.i18n, d)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.rows.length === 0 ? (
        <p class="muted">{t('chart.history.empty')}</p>
      ) : (
        <table class="record-table">
          <thead>
            <tr>
              <th scope="col">{t('chart.history.when')}</th>
              <th scope="col">{t('chart.history.tooth')}</th>
              <th scope="col">{t('chart.history.state')}</th>
              <th scope="col">{t('medical.visit.status')}</th>
              <th scope="col">{t('chart.history.who')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{props.i18n.dateTime(r.created_at)}</td>
                <td>{r.tooth}</td>
                <td class="record-text">{describeMarks(props.i18n, r.tooth, parseMarks(r))}</td>
                <td>{t(`medical.status.${r.status}`)}</td>
                <td>
                  {r.author_name} · {r.device_name}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  )
}
