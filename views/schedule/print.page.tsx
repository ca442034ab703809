import type { I18n } from '../../server/i18n/i18n.js'
import type { AppointmentView } from '../../server/schedule/appointments.queries.js'
import type { Doctor } from '../../server/schedule/schedule.queries.js'
import { clockRange, fullName, longDate } from './format.js'

export interface PrintPageProps {
  i18n: I18n
  date: string
  doctors: readonly Doctor[]
  doctor?: { id: number; full_name: string }
  rows: readonly AppointmentView[]
}

/** A doctor's day on paper: the choice form is not printed (print CSS hides .no-print). */
export function PrintPage(props: PrintPageProps) {
  const { t } = props.i18n
  return (
    <section class="print-list">
      <form method="get" action="/schedule/print" class="no-print inline-form">
        <label for="print-date">{t('schedule.date')}</label>{' '}
        <input type="date" id="print-date" name="date" value={props.date} required />{' '}
        <label for="print-doctor">{t('schedule.doctor')}</label>{' '}
        <select id="print-doctor" name="doctor" required>
          <option value="">{t('schedule.choose')}</option>
          {props.doctors.map((d) => (
            <option value={String(d.id)} selected={d.id === props.doctor?.id}>
              {d.full_name}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('schedule.show')}</button>
      </form>
      {props.doctor ? (
        <>
          <h1>
            {t('schedule.print_title', {
              doctor: props.doctor.full_name,
              date: longDate(props.i18n, props.date),
            })}
          </h1>
          <p class="no-print hint">{t('schedule.print_hint')}</p>
          {props.rows.length === 0 ? (
            <p>{t('schedule.no_appointments')}</p>
          ) : (
            <table class="print-table">
              <thead>
                <tr>
                  <th scope="col">{t('schedule.time')}</th>
                  <th scope="col">{t('schedule.patient')}</th>
                  <th scope="col">{t('schedule.card')}</th>
                  <th scope="col">{t('schedule.chair')}</th>
                  <th scope="col">{t('schedule.reason')}</th>
                  <th scope="col">{t('schedule.status')}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((a) => (
                  <tr class={`print-${a.status}`}>
                    <td>{clockRange(props.i18n, a.starts_at, a.ends_at)}</td>
                    <td>{fullName(a)}</td>
                    <td>{a.card_number}</td>
                    <td>{a.chair_name}</td>
                    <td>{a.reason}</td>
                    <td>{t(`schedule.status.${a.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <h1>{t('schedule.print_choose')}</h1>
      )}
    </section>
  )
}
