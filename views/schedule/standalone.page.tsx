import type { Child } from 'hono/jsx'
import type { I18n } from '../../server/i18n/i18n.js'
import { PANEL_ID } from './appointment-block.js'

/**
 * The whole-page form of a panel partial (an appointment, the booking form, a move): what a
 * browser without JavaScript, a bookmark or a reload gets. Same partial, same ids, so htmx
 * targets inside it work here too.
 */
export function StandalonePage(props: {
  i18n: I18n
  heading: string
  backTo: string
  children?: Child
}) {
  return (
    <div class="schedule-standalone">
      <p>
        <a href={props.backTo}>{props.i18n.t('schedule.back_to_day')}</a>
      </p>
      <h1>{props.heading}</h1>
      <div id={PANEL_ID}>{props.children}</div>
    </div>
  )
}
