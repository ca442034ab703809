import { describe, expect, it } from 'vitest'
import { createI18n, type I18n } from '../../server/i18n/i18n.js'
import type { DayAppointment } from '../../server/schedule/appointments.queries.js'
import {
  buildDay,
  type BlockView,
  type DayInput,
  type GridCell,
} from '../../server/schedule/day-model.js'
import { AppointmentBlock, PANEL_ID, StatusLabel } from './appointment-block.js'
import { DayLive } from './day-live.partial.js'
import { hhmm, minutesRange, shortName } from './format.js'

// The day grid draws its fixed markup as strings and its appointments with `html` (bench:
// a JSX node per cell was most of the page's time). These tests hold it to the markup the
// plain JSX components drew, byte for byte, with hostile text in every field a person types.

const HOSTILE = `<script>alert("x")</script> & 'q'`

/** The block exactly as the JSX component drew it before. */
function JsxBlock(props: { i18n: I18n; block: BlockView; show: 'doctor' | 'chair' | 'both' }) {
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

function JsxCell(props: { i18n: I18n; cell: GridCell; show: 'doctor' | 'chair' }) {
  const c = props.cell
  if (c.kind === 'covered') return null
  if (c.kind === 'free') return <td class={c.open ? 'slot open' : 'slot closed'}></td>
  return (
    <td rowspan={c.rows} class={`slot booked cell-${c.block.status}`}>
      <JsxBlock i18n={props.i18n} block={c.block} show={props.show} />
    </td>
  )
}

/** The grid's body as one JSX node per row and cell. */
function JsxBody(props: { i18n: I18n; input: DayInput }) {
  const m = buildDay(props.input)
  const show = m.by === 'doctor' ? 'chair' : 'doctor'
  return (
    <tbody>
      {m.slots.map((minutes, i) => (
        <tr class={minutes % 60 === 0 ? 'hour' : undefined}>
          <th scope="row" class="time-col">
            {hhmm(minutes)}
          </th>
          {m.columns.map((c) => (
            <JsxCell i18n={props.i18n} cell={c.cells[i]!} show={show} />
          ))}
        </tr>
      ))}
    </tbody>
  )
}

function appt(over: Partial<DayAppointment>): DayAppointment {
  return {
    id: 1,
    doctor_id: 10,
    chair_id: 100,
    starts_at: '2026-11-29T06:00:00.000Z', // 09:00 in Moscow
    ends_at: '2026-11-29T06:45:00.000Z',
    status: 'booked',
    reason: HOSTILE,
    surname: `Иванова ${HOSTILE}`,
    name: '𝒜nna', // an initial outside the BMP
    patronymic: ` "П" `,
    card_number: '1',
    doctor_name: `Доктор <b>А</b> & "Ко"`,
    chair_name: `Кресло 'один'`,
    ...over,
  }
}

function input(by: 'doctor' | 'chair'): DayInput {
  return {
    date: '2026-11-29',
    by,
    timeZone: 'Europe/Moscow',
    doctors: [
      { id: 10, full_name: `Доктор <b>А</b> & "Ко"` },
      { id: 11, full_name: 'Доктор Б' },
      { id: 12, full_name: 'Доктор В' },
    ],
    chairs: [
      { id: 100, name: `Кресло 'один'`, active: 1 },
      { id: 101, name: 'Кресло 2', active: 1 },
    ],
    hours: [
      {
        id: 1,
        doctor_id: 10,
        weekday: 7,
        starts: '09:00',
        ends: '13:00',
        chair_id: 100,
        chair_name: null,
      },
      {
        id: 2,
        doctor_id: 11,
        weekday: 7,
        starts: '08:30',
        ends: '10:00',
        chair_id: 101,
        chair_name: null,
      },
      {
        id: 3,
        doctor_id: 11,
        weekday: 7,
        starts: '15:00',
        ends: '18:15',
        chair_id: 101,
        chair_name: null,
      },
    ],
    doctorsWithHours: new Set([10, 11, 12]),
    chairsWithHours: new Set([100, 101]),
    daysOff: [{ id: 1, doctor_id: 12, date: '2026-11-29', reason: `Отпуск ${HOSTILE}` }],
    appointments: [
      appt({ starts_at: '2026-11-29T03:30:00.000Z', ends_at: '2026-11-29T04:15:00.000Z' }),
      appt({ id: 2 }),
      // An overlap that should not exist goes aside.
      appt({ id: 3, starts_at: '2026-11-29T06:15:00.000Z', status: 'confirmed' }),
      appt({ id: 4, doctor_id: 11, chair_id: 101, status: 'in_chair', reason: '' }),
      appt({ id: 5, doctor_id: 11, chair_id: 101, status: 'cancelled', patronymic: null }),
      appt({
        id: 6,
        doctor_id: 11,
        chair_id: 101,
        starts_at: '2026-11-29T12:00:00.000Z',
        ends_at: '2026-11-29T12:10:00.000Z',
        status: 'done',
      }),
      // Past midnight: the grid widens to the end of the day.
      appt({
        id: 7,
        doctor_id: 12,
        chair_id: 100,
        starts_at: '2026-11-29T19:00:00.000Z',
        ends_at: '2026-11-29T22:00:00.000Z',
        status: 'arrived',
      }),
      // A doctor no longer in the list still gets a column.
      appt({ id: 8, doctor_id: 13, doctor_name: 'Бывший <врач>', chair_id: 101 }),
      appt({ id: 9, status: 'no_show', name: '' }),
    ],
  }
}

const i18n = createI18n('ru', 'Europe/Moscow')

describe('the day grid markup', () => {
  for (const by of ['doctor', 'chair'] as const) {
    it(`is what the JSX components drew, escaped, by ${by}`, () => {
      const model = buildDay(input(by))
      const page = String(<DayLive i18n={i18n} model={model} version={3} />)
      const body = String(<JsxBody i18n={i18n} input={input(by)} />)
      expect(page).toContain(body)
      // The aside keeps the component (JSX callers of AppointmentBlock draw the same).
      for (const b of model.aside) {
        const block = String(<AppointmentBlock i18n={i18n} block={b} show="both" />)
        expect(block).toBe(String(<JsxBlock i18n={i18n} block={b} show="both" />))
        expect(page).toContain(block)
      }
      // Cancelled, no-show and overlaps (in the chair view, two bookings share chair 2).
      const aside = by === 'doctor' ? [3, 5, 9] : [3, 5, 8, 9]
      expect(model.aside.map((b) => b.id).sort()).toEqual(aside)
      // Controls: the body is not empty, escapes what people typed and draws every kind of cell.
      expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;')
      expect(page).not.toContain('<script>')
      expect(page).not.toContain('<b>')
      expect(body).toContain('Иванова &lt;script&gt;')
      expect(body).toContain('𝒜. &quot;.')
      expect(body).toContain('class="slot open"')
      expect(body).toContain('class="slot closed"')
      expect(body).toMatch(/rowspan="3" class="slot booked cell-booked"/)
      expect(body).toContain('cell-in_chair')
      expect(body).toContain('<tr class="hour"><th scope="row" class="time-col">06:00</th>')
      expect(body).toContain('<th scope="row" class="time-col">23:45</th>')
    })
  }
})
