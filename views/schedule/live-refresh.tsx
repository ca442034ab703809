/** The region of the day and week pages that refreshes itself when the schedule changes. */
export const LIVE_ID = 'schedule-live'
export const CHANGED_EVENT = 'schedule-changed'
export const POLL_SECONDS = 5

// Polling is not activity: a terminal left on the schedule must still lock when idle.
const BACKGROUND = JSON.stringify({ 'x-enamel-background': '1' })

/**
 * Two hidden htmx elements: a poller asks the version endpoint every few seconds (204 while
 * nothing changed, HX-Trigger: schedule-changed when it did), and a refresher answers that
 * event — or the same event from this terminal's own changes — by re-fetching the live region.
 * Only these two carry the background header, so clicks in the grid still count as activity.
 */
export function LiveRefresh(props: { versionUrl: string; refreshUrl: string }) {
  return (
    <>
      <div
        hidden
        class="live-poller"
        hx-get={props.versionUrl}
        hx-trigger={`every ${POLL_SECONDS}s`}
        hx-swap="none"
        hx-headers={BACKGROUND}
      ></div>
      <div
        hidden
        class="live-refresher"
        hx-get={props.refreshUrl}
        hx-trigger={`${CHANGED_EVENT} from:body`}
        hx-target={`#${LIVE_ID}`}
        hx-swap="outerHTML"
        hx-headers={BACKGROUND}
      ></div>
    </>
  )
}
