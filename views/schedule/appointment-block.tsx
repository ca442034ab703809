import type { I18n } from '../../server/i18n/i18n.js'
import type { BlockView } from '../../server/schedule/day-model.js'
import type { AppointmentStatus } from '../../server/schedule/schedule.table.js'
import { minutesRange, shortName } from './format.js'

/** The side panel of the day and week pages, where an appointment or a form opens. */
export const PANEL_ID = 'schedule-panel'

export function StatusLabel(props: { i18n: I18n; status: AppointmentStatus }) {
  return (
    <span class={`status status-${props.status}`}>
      {props.i18n.t(`schedule.status.${props.status}`)}
    </span>
  )
}

/**
 * One appointment as the day grid, the week and the aside lists draw it. A link to its page
 * (without JS) that htmx opens in the side panel instead. Only the name, time, status and
 * the reason for the visit: reception's view, never anything medical.
 */
export function AppointmentBlock(props: {
  i18n: I18n
  block: BlockView
  /** The other axis: the chair in a doctor's column, the doctor in a chair's, both in the week. */
  show: 'doctor' | 'chair' | 'both'
}) {
  const b = props.block
  const href = `/schedule/appointments/${b.id}`
  const where =
    props.show === 'both'
      ? `${b.doctorName}, ${b.chairName}`
      : props.show === 'doctor'
        ? b.doctorName
        : b.chairName
  return (
    <a
      class={`appt appt-${b.status}`}
      href={href}
      hx-get={href}
      hx-target={`#${PANEL_ID}`}
      hx-swap="innerHTML"
      data-testid="appointment"
    >
      <span class="appt-time">{minutesRange(b.from, b.to)}</span>{' '}
      <span class="appt-patient">{shortName(b.patient)}</span>{' '}
      <StatusLabel i18n={props.i18n} status={b.status} />{' '}
      {b.reason && <span class="appt-reason">{b.reason}</span>}{' '}
      <span class="appt-where">{where}</span>
    </a>
  )
}
