import type { I18n } from '../../server/i18n/i18n.js'
import type { VisitListItem } from '../../server/medical/visits.queries.js'
import { formatDay } from '../../server/medical/format.js'

/** The card's visit records at their latest revision, newest first, each a link to open. */
export function VisitList(props: { i18n: I18n; patientId: number; visits: VisitListItem[] }) {
  const { t } = props.i18n
  if (props.visits.length === 0) return <p class="muted">{t('medical.card.visits_empty')}</p>
  return (
    <table class="record-table">
      <caption class="visually-hidden">{t('medical.card.visits')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('medical.visit.date')}</th>
          <th scope="col">{t('medical.field.diagnosis_text')}</th>
          <th scope="col">{t('medical.visit.doctor')}</th>
          <th scope="col">{t('medical.visit.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.visits.map((v) => (
          <tr class={`status-${v.status}`}>
            <td>
              <a href={`/patients/${props.patientId}/medical/visits/${v.record_id}`}>
                {formatDay(props.i18n, v.visit_date)}
              </a>
            </td>
            <td>
              {v.diagnosis_code && <span class="icd-code">{v.diagnosis_code}</span>}{' '}
              {v.diagnosis_text}
            </td>
            <td>{v.doctor_name}</td>
            <td>
              <span class={`badge badge-${v.status}`}>{t(`medical.status.${v.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
