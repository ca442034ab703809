import type { Context } from 'hono'
import {
  AppointmentCard,
  type AppointmentCardProps,
} from '../../views/schedule/appointment-card.partial.js'
import type { Option } from '../../views/components/form-controls.js'
import { clockRange, shortName } from '../../views/schedule/format.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { findAppointmentById, listStatusChanges } from './appointments.queries.js'
import { toClinic } from './clinic-time.js'
import { canWrite, panel } from './schedule.http.js'
import { listChairs, listDoctors } from './schedule.queries.js'
import { MOVABLE, TRANSITIONS } from './schedule.rules.js'

type Ctx = Context<AppEnv>

type Extra = Pick<AppointmentCardProps, 'error' | 'cancelError' | 'cancelReason'>

/** Everything the appointment card shows. @throws 404 for an unknown id. */
export async function loadCard(c: Ctx, id: number, extra: Extra = {}) {
  const db = c.get('services').db
  const appt = await findAppointmentById(db, id)
  if (!appt) throw notFound()
  const props: AppointmentCardProps = {
    i18n: c.get('i18n'),
    csrfToken: c.get('csrfToken'),
    appt,
    date: toClinic(appt.starts_at, c.get('services').config.timeZone).date,
    history: await listStatusChanges(db, id),
    canWrite: await canWrite(c),
    next: TRANSITIONS[appt.status],
    movable: MOVABLE.includes(appt.status),
    ...extra,
  }
  return props
}

/** "Иванова М. П., 09:00–09:45": names an appointment in headings and titles. */
export function appointmentTitle(c: Ctx, props: AppointmentCardProps): string {
  const a = props.appt
  return `${shortName(a)}, ${clockRange(c.get('i18n'), a.starts_at, a.ends_at)}`
}

/** The card as a panel partial (htmx) or a whole page. */
export async function cardResponse(c: Ctx, id: number, extra: Extra = {}, status: 200 | 422 = 200) {
  const props = await loadCard(c, id, extra)
  return panel(
    c,
    <AppointmentCard {...props} />,
    { title: appointmentTitle(c, props), backTo: `/schedule?date=${props.date}` },
    status,
  )
}

/** Doctors and active chairs as select options. */
export async function bookingOptions(c: Ctx): Promise<{ doctors: Option[]; chairs: Option[] }> {
  const db = c.get('services').db
  const doctors = (await listDoctors(db)).map((d) => ({ value: String(d.id), label: d.full_name }))
  const chairs = (await listChairs(db, { activeOnly: true })).map((ch) => ({
    value: String(ch.id),
    label: ch.name,
  }))
  return { doctors, chairs }
}
