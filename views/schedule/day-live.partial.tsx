import { raw } from 'hono/html'
import type { I18n } from '../../server/i18n/i18n.js'
import type { DayModel } from '../../server/schedule/day-model.js'
import { STATUSES, type AppointmentStatus } from '../../server/schedule/schedule.table.js'
import { AppointmentBlock, appointmentBlockHtml } from './appointment-block.js'
import { hhmm, longDate } from './format.js'
import { LIVE_ID, LiveRefresh } from './live-refresh.js'

export interface DayLiveProps {
  i18n: I18n
  model: DayModel
  version: number
}

/**
 * The day grid: a table with a column per doctor (or chair) and a row per slot. A table, not
 * a CSS grid, because an appointment spans its slots with `rowspan`, which needs no inline
 * style (the CSP forbids them), and screen readers announce the doctor and time of each cell.
 */
export function DayLive(props: DayLiveProps) {
  const { t } = props.i18n
  const m = props.model
  const show = m.by === 'doctor' ? 'chair' : 'doctor'
  return (
    <div id={LIVE_ID} class="schedule-live" data-version={String(props.version)}>
      <LiveRefresh
        versionUrl={`/schedule/version?date=${m.date}&span=day&v=${props.version}`}
        refreshUrl={`/schedule?date=${m.date}&by=${m.by}`}
      />
      {m.columns.length === 0 ? (
        <p class="notice">{t(m.by === 'doctor' ? 'schedule.no_doctors' : 'schedule.no_chairs')}</p>
      ) : (
        <div class="grid-scroll">
          <table class="day-grid">
            <caption class="visually-hidden">
              {t('schedule.grid_caption', { date: longDate(props.i18n, m.date) })}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="time-col">
                  {t('schedule.time')}
                </th>
                {m.columns.map((c) => (
                  <th scope="col" class={c.dayOff ? 'day-off' : undefined}>
                    {c.label}
                    {c.dayOff && (
                      <span class="day-off-mark">
                        {c.dayOff.reason
                          ? t('schedule.day_off_reason', { reason: c.dayOff.reason })
                          : t('schedule.day_off')}
                      </span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <GridRows i18n={props.i18n} model={m} show={show} />
            </tbody>
          </table>
        </div>
      )}
      {m.aside.length > 0 && (
        <section class="schedule-aside">
          <h2>{t('schedule.aside_title')}</h2>
          <ul class="appt-list">
            {m.aside.map((b) => (
              <li>
                <AppointmentBlock i18n={props.i18n} block={b} show="both" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

// The grid's fixed markup (rows, time labels, the ~1000 empty cells of 20 doctors) as strings
// rather than a JSX node per cell, which was most of the day view's render time (bench
// profile). The appointments, which hold names and free text, come escaped from
// appointmentBlockHtml (day-live.partial.test.tsx holds both to what the JSX drew).
const FREE_OPEN = '<td class="slot open"></td>'
const FREE_CLOSED = '<td class="slot closed"></td>'
const BOOKED_CLASS = Object.fromEntries(
  STATUSES.map((s) => [s, `slot booked cell-${s}`]),
) as Record<AppointmentStatus, string>

function GridRows(props: { i18n: I18n; model: DayModel; show: 'doctor' | 'chair' }) {
  const { slots, columns } = props.model
  let markup = ''
  for (let i = 0; i < slots.length; i++) {
    const minutes = slots[i]!
    markup += minutes % 60 === 0 ? '<tr class="hour">' : '<tr>'
    markup += `<th scope="row" class="time-col">${hhmm(minutes)}</th>`
    for (const column of columns) {
      const c = column.cells[i]!
      if (c.kind === 'covered') continue
      if (c.kind === 'free') {
        markup += c.open ? FREE_OPEN : FREE_CLOSED
        continue
      }
      markup += `<td rowspan="${c.rows}" class="${BOOKED_CLASS[c.block.status]}">`
      markup += appointmentBlockHtml(props.i18n, c.block, props.show)
      markup += '</td>'
    }
    markup += '</tr>'
  }
  // raw(): the constants above, slot times (digits), row counts and statuses from the closed
  // list, joined with appointment blocks that `html` has escaped; nothing unescaped a person typed.
  return raw(markup)
}
