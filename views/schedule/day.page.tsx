import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import type { DayModel } from '../../server/schedule/day-model.js'
import { PANEL_ID } from './appointment-block.js'
import { longDate } from './format.js'
import { ScheduleToolbar } from './toolbar.js'

/** The side panel: what htmx opens next to the grid (an appointment, the booking form). */
export function SchedulePanel(props: { i18n: I18n; children?: Child }) {
  return (
    <aside
      id={PANEL_ID}
      class="schedule-panel"
      aria-live="polite"
      aria-label={props.i18n.t('schedule.panel')}
    >
      {props.children ?? <p class="muted">{props.i18n.t('schedule.panel_hint')}</p>}
    </aside>
  )
}

export interface DayPageProps {
  i18n: I18n
  date: string
  by: DayModel['by']
  /** The grid (DayLive), drawn or taken from the cache by the route. */
  live: Child
  today: string
  canWrite: boolean
}

export function DayPage(props: DayPageProps) {
  const { t } = props.i18n
  return (
    <div class="schedule">
      <ScheduleToolbar
        i18n={props.i18n}
        view="day"
        date={props.date}
        by={props.by}
        today={props.today}
        canWrite={props.canWrite}
        heading={t('schedule.day_heading', { date: longDate(props.i18n, props.date) })}
      />
      <div class="schedule-body">
        {props.live}
        <SchedulePanel i18n={props.i18n} />
      </div>
    </div>
  )
}
