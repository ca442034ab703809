import type { I18n } from '../../server/i18n/i18n.js'
import type { Visit } from '../../server/schedule/appointments.queries.js'
import { StatusLabel } from './appointment-block.js'
import { clockRange } from './format.js'

export const VISITS_ID = 'visit-history'

/**
 * A patient's visits for reception: date, time, doctor, status and the reason for the visit.
 * Nothing clinical (no diagnosis, no treatment): the patient card can include this as is.
 */
export function VisitHistory(props: { i18n: I18n; visits: readonly Visit[] }) {
  const { t } = props.i18n
  return (
    <section id={VISITS_ID} class="visit-history">
      <h2>{t('schedule.visits_title')}</h2>
      {props.visits.length === 0 ? (
        <p class="muted">{t('schedule.visits_none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('schedule.date')}</th>
              <th scope="col">{t('schedule.time')}</th>
              <th scope="col">{t('schedule.doctor')}</th>
              <th scope="col">{t('schedule.status')}</th>
              <th scope="col">{t('schedule.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {props.visits.map((v) => (
              <tr>
                <td>{props.i18n.date(v.starts_at)}</td>
                <td>{clockRange(props.i18n, v.starts_at, v.ends_at)}</td>
                <td>{v.doctor_name}</td>
                <td>
                  <StatusLabel i18n={props.i18n} status={v.status} />
                </td>
                <td>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
