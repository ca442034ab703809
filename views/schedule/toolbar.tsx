import type { I18n } from '../../server/i18n/i18n.js'
import { addDays } from '../../server/schedule/clinic-time.js'
import { PANEL_ID } from './appointment-block.js'

export interface ToolbarProps {
  i18n: I18n
  view: 'day' | 'week'
  date: string
  by: 'doctor' | 'chair'
  today: string
  canWrite: boolean
  heading: string
}

/** Date navigation and view switches shared by the day and week pages. Dates only in URLs. */
export function ScheduleToolbar(props: ToolbarProps) {
  const { t } = props.i18n
  const base = props.view === 'day' ? '/schedule' : '/schedule/week'
  const step = props.view === 'day' ? 1 : 7
  const by = props.view === 'day' ? `&by=${props.by}` : ''
  const href = (date: string) => `${base}?date=${date}${by}`
  const current = (yes: boolean) => (yes ? 'page' : undefined)
  return (
    <header class="schedule-head">
      <h1>{props.heading}</h1>
      <nav class="schedule-nav" aria-label={t('schedule.nav_dates')}>
        <a href={href(addDays(props.date, -step))}>
          {t(props.view === 'day' ? 'schedule.prev_day' : 'schedule.prev_week')}
        </a>
        <a href={href(props.today)}>{t('schedule.today')}</a>
        <a href={href(addDays(props.date, step))}>
          {t(props.view === 'day' ? 'schedule.next_day' : 'schedule.next_week')}
        </a>
        <form method="get" action={base} class="inline-form date-jump">
          <label for="schedule-date">{t('schedule.go_to_date')}</label>{' '}
          <input type="date" id="schedule-date" name="date" value={props.date} required />
          {props.view === 'day' && <input type="hidden" name="by" value={props.by} />}{' '}
          <button type="submit">{t('schedule.show')}</button>
        </form>
      </nav>
      <nav class="schedule-views" aria-label={t('schedule.nav_views')}>
        <a
          href={`/schedule?date=${props.date}&by=doctor`}
          aria-current={current(props.view === 'day' && props.by === 'doctor')}
        >
          {t('schedule.by_doctor')}
        </a>
        <a
          href={`/schedule?date=${props.date}&by=chair`}
          aria-current={current(props.view === 'day' && props.by === 'chair')}
        >
          {t('schedule.by_chair')}
        </a>
        <a href={`/schedule/week?date=${props.date}`} aria-current={current(props.view === 'week')}>
          {t('schedule.week')}
        </a>
        <a href={`/schedule/print?date=${props.date}`}>{t('schedule.print')}</a>
        {props.canWrite && <a href="/schedule/settings">{t('schedule.settings')}</a>}
        {props.canWrite && (
          <a
            class="button primary"
            href={`/schedule/appointments/new?date=${props.date}`}
            hx-get={`/schedule/appointments/new?date=${props.date}`}
            hx-target={`#${PANEL_ID}`}
            hx-swap="innerHTML"
          >
            {t('schedule.book')}
          </a>
        )}
      </nav>
    </header>
  )
}
