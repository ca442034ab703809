import type { I18n } from '../../server/i18n/i18n.js'
import type { Doctor } from '../../server/schedule/schedule.queries.js'
import type { WeekModel } from '../../server/schedule/week-model.js'
import { AppointmentBlock } from './appointment-block.js'
import { dayMonthYear, longDate, shortDate } from './format.js'
import { LIVE_ID, LiveRefresh } from './live-refresh.js'
import { SchedulePanel } from './day.page.js'
import { ScheduleToolbar } from './toolbar.js'

export interface WeekProps {
  i18n: I18n
  date: string
  model: WeekModel
  version: number
  doctors: readonly Doctor[]
  doctorId: number | undefined
}

/** Seven day columns of the same blocks the day grid draws; refreshes like the day view. */
export function WeekLive(props: WeekProps) {
  const { t } = props.i18n
  const doctor = props.doctorId ? `&doctor=${props.doctorId}` : ''
  return (
    <div id={LIVE_ID} class="schedule-live" data-version={String(props.version)}>
      <LiveRefresh
        versionUrl={`/schedule/version?date=${props.model.from}&span=week&v=${props.version}`}
        refreshUrl={`/schedule/week?date=${props.date}${doctor}`}
      />
      <div class="week-grid">
        {props.model.days.map((day) => (
          <section class="week-day" aria-label={longDate(props.i18n, day.date)}>
            <h2>
              <a href={`/schedule?date=${day.date}`}>{shortDate(props.i18n, day.date)}</a>
            </h2>
            {day.daysOff.map((o) => (
              <p class="day-off-mark">
                {o.reason
                  ? t('schedule.day_off_of_reason', { name: o.doctorName, reason: o.reason })
                  : t('schedule.day_off_of', { name: o.doctorName })}
              </p>
            ))}
            {day.blocks.length === 0 ? (
              <p class="muted">{t('schedule.no_appointments')}</p>
            ) : (
              <ul class="appt-list">
                {day.blocks.map((b) => (
                  <li>
                    <AppointmentBlock i18n={props.i18n} block={b} show="both" />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  )
}

export function WeekPage(props: WeekProps & { today: string; canWrite: boolean }) {
  const { t } = props.i18n
  return (
    <div class="schedule">
      <ScheduleToolbar
        i18n={props.i18n}
        view="week"
        date={props.date}
        by="doctor"
        today={props.today}
        canWrite={props.canWrite}
        heading={t('schedule.week_heading', { date: dayMonthYear(props.i18n, props.model.from) })}
      />
      <form method="get" action="/schedule/week" class="inline-form doctor-filter">
        <input type="hidden" name="date" value={props.date} />
        <label for="week-doctor">{t('schedule.doctor')}</label>{' '}
        <select id="week-doctor" name="doctor">
          <option value="">{t('schedule.all_doctors')}</option>
          {props.doctors.map((d) => (
            <option value={String(d.id)} selected={d.id === props.doctorId}>
              {d.full_name}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('schedule.show')}</button>
      </form>
      <div class="schedule-body">
        <WeekLive {...props} />
        <SchedulePanel i18n={props.i18n} />
      </div>
    </div>
  )
}
