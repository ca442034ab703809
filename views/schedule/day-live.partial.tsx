import type { I18n } from '../../server/i18n/i18n.js'
import type { DayModel, GridCell } from '../../server/schedule/day-model.js'
import { AppointmentBlock } from './appointment-block.js'
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
              {m.slots.map((minutes, i) => (
                <tr class={minutes % 60 === 0 ? 'hour' : undefined}>
                  <th scope="row" class="time-col">
                    {hhmm(minutes)}
                  </th>
                  {m.columns.map((c) => (
                    <Cell i18n={props.i18n} cell={c.cells[i]!} show={show} />
                  ))}
                </tr>
              ))}
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

function Cell(props: { i18n: I18n; cell: GridCell; show: 'doctor' | 'chair' }) {
  const c = props.cell
  if (c.kind === 'covered') return null
  if (c.kind === 'free') return <td class={c.open ? 'slot open' : 'slot closed'}></td>
  return (
    <td rowspan={c.rows} class={`slot booked cell-${c.block.status}`}>
      <AppointmentBlock i18n={props.i18n} block={c.block} show={props.show} />
    </td>
  )
}
