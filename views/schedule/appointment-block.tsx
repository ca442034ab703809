import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
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
  return appointmentBlockHtml(props.i18n, props.block, props.show)
}

/**
 * AppointmentBlock's markup as an escaped string, for the day grid to join with its own
 * (a page draws a hundred of them; a JSX node per span was a good part of its render time).
 * `html` escapes every interpolated value exactly as JSX does.
 */
export function appointmentBlockHtml(
  i18n: I18n,
  b: BlockView,
  show: 'doctor' | 'chair' | 'both',
): HtmlEscapedString {
  const href = `/schedule/appointments/${b.id}`
  const where =
    show === 'both'
      ? `${b.doctorName}, ${b.chairName}`
      : show === 'doctor'
        ? b.doctorName
        : b.chairName
  const reason = b.reason ? html`<span class="appt-reason">${b.reason}</span>` : ''
  const label = statusLabel(i18n, b.status)
  // One line on purpose: the markup must stay byte for byte what the JSX drew (no whitespace
  // between tags that prettier's HTML formatting would add). Synchronous: no value is a
  // promise or carries callbacks.
  // prettier-ignore
  return html`<a class="appt appt-${b.status}" href="${href}" hx-get="${href}" hx-target="#${PANEL_ID}" hx-swap="innerHTML" data-testid="appointment"><span class="appt-time">${minutesRange(b.from, b.to)}</span> <span class="appt-patient">${shortName(b.patient)}</span> <span class="status status-${b.status}">${label}</span> ${reason} <span class="appt-where">${where}</span></a>` as HtmlEscapedString
}

// Seven labels per catalogue, asked for once per appointment on the page.
const statusLabels = new WeakMap<I18n, Map<AppointmentStatus, string>>()
function statusLabel(i18n: I18n, status: AppointmentStatus): string {
  let labels = statusLabels.get(i18n)
  if (!labels) statusLabels.set(i18n, (labels = new Map()))
  let label = labels.get(status)
  if (label === undefined) labels.set(status, (label = i18n.t(`schedule.status.${status}`)))
  return label
}
