import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { AppointmentCard } from '../../views/schedule/appointment-card.partial.js'
import {
  AppointmentEdit,
  type AppointmentEditProps,
} from '../../views/schedule/appointment-edit.partial.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { appointmentTitle, bookingOptions, cardResponse, loadCard } from './appointment-card.js'
import { findAppointmentRow } from './appointments.queries.js'
import { formatMinutes, toClinic } from './clinic-time.js'
import {
  checkText,
  moveSchema,
  parseDuration,
  parseSlot,
  refusalField,
  resizeSchema,
} from './schedule.forms.js'
import { changed, idParam, panel, scheduleDeps } from './schedule.http.js'
import {
  changeStatus,
  rescheduleAppointment,
  ScheduleError,
  type Slot,
} from './schedule.service.js'
import { SLOT_MINUTES } from './schedule.rules.js'
import { STATUSES } from './schedule.table.js'
import { hoursWarning } from './working-hours.js'

type Ctx = Context<AppEnv>

/** The appointment or a 404: every route here checks the object before anything else. */
async function rowOr404(c: Ctx) {
  const row = await findAppointmentRow(c.get('services').db, idParam(c))
  if (!row) throw notFound()
  return row
}

type Row = Awaited<ReturnType<typeof rowOr404>>
type EditExtra = Pick<AppointmentEditProps, 'errors' | 'warning'> &
  Partial<Pick<AppointmentEditProps, 'move' | 'duration'>>

async function editResponse(c: Ctx, row: Row, extra: EditExtra, status: 200 | 422 = 200) {
  const card = await loadCard(c, row.id)
  const tz = c.get('services').config.timeZone
  const start = toClinic(row.starts_at, tz)
  const minutes = (Date.parse(row.ends_at) - Date.parse(row.starts_at)) / 60_000
  const title = appointmentTitle(c, card)
  return panel(
    c,
    <AppointmentEdit
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      id={row.id}
      title={title}
      move={{
        date: start.date,
        start: formatMinutes(start.minutes),
        doctor_id: String(row.doctor_id),
        chair_id: String(row.chair_id),
      }}
      duration={String(minutes)}
      {...extra}
      {...await bookingOptions(c)}
    />,
    {
      title: c.get('i18n').t('schedule.edit_title', { what: title }),
      backTo: `/schedule?date=${card.date}`,
    },
    status,
  )
}

/** Runs a reschedule, mapping the rules' refusals back onto the edit form. */
async function reschedule(
  c: Ctx,
  row: Row,
  slot: Slot,
  change: { kind: 'move' | 'resize'; outsideOk: boolean; extra: EditExtra },
) {
  const { t } = c.get('i18n')
  const { kind, extra } = change
  const deps = scheduleDeps(c)
  const warning = await hoursWarning(deps.db, slot, deps.timeZone)
  if (warning && !change.outsideOk) {
    const text = t(`schedule.warning.${warning}`)
    return editResponse(c, row, { ...extra, warning: { form: kind, text } }, 422)
  }
  try {
    await rescheduleAppointment(deps, auditActor(c), row.id, slot, `schedule.${kind}`)
  } catch (err) {
    if (!(err instanceof ScheduleError)) throw err
    if (err.code === 'not_movable') {
      return cardResponse(c, row.id, { error: t('schedule.error.not_movable') }, 422)
    }
    const refusal = refusalField(err, c.get('i18n'))
    if (!refusal) throw err
    const field = kind === 'resize' ? 'duration' : refusal.field
    return editResponse(c, row, { ...extra, errors: { [field]: refusal.message } }, 422)
  }
  const props = await loadCard(c, row.id)
  return changed(c, () => <AppointmentCard {...props} />, `/schedule/appointments/${row.id}`)
}

/** One appointment: its card, moving, resizing, status marks and cancellation. */
export function scheduleAppointmentRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/schedule/appointments/:id', allow('schedule.read'), async (c) => {
    return cardResponse(c, (await rowOr404(c)).id)
  })

  app.get('/schedule/appointments/:id/edit', allow('schedule.write'), async (c) => {
    return editResponse(c, await rowOr404(c), { errors: {} })
  })

  app.post('/schedule/appointments/:id/move', allow('schedule.write'), async (c) => {
    const row = await rowOr404(c)
    const input = await form(c, moveSchema)
    const minutes = (Date.parse(row.ends_at) - Date.parse(row.starts_at)) / 60_000
    const { slot, errors } = parseSlot({ ...input, duration: String(minutes) }, c.get('i18n'))
    const extra = { move: input, errors }
    if (!slot) return editResponse(c, row, extra, 422)
    return reschedule(c, row, slot, { kind: 'move', outsideOk: input.outside_ok === '1', extra })
  })

  app.post('/schedule/appointments/:id/resize', allow('schedule.write'), async (c) => {
    const row = await rowOr404(c)
    const input = await form(c, resizeSchema)
    const minutes = parseDuration(input.duration)
    const extra = { duration: input.duration, errors: {} }
    if (minutes === undefined) {
      const message = c.get('i18n').t('schedule.error.duration', { step: SLOT_MINUTES })
      return editResponse(c, row, { ...extra, errors: { duration: message } }, 422)
    }
    const endsAt = new Date(Date.parse(row.starts_at) + minutes * 60_000).toISOString()
    const slot = { doctorId: row.doctor_id, chairId: row.chair_id, startsAt: row.starts_at, endsAt }
    return reschedule(c, row, slot, {
      kind: 'resize',
      outsideOk: input.outside_ok === '1',
      extra,
    })
  })

  app.post('/schedule/appointments/:id/status', allow('schedule.write'), async (c) => {
    const row = await rowOr404(c)
    const { to } = await form(c, z.object({ to: z.string().max(20).default('') }))
    // Cancelling needs a reason: only its own form does it.
    const target = STATUSES.find((s) => s === to && s !== 'cancelled')
    return mark(c, row, target)
  })

  app.post('/schedule/appointments/:id/cancel', allow('schedule.write'), async (c) => {
    const row = await rowOr404(c)
    const { t } = c.get('i18n')
    const { reason } = await form(c, z.object({ reason: z.string().max(20_000).default('') }))
    const problem = reason.trim() ? checkText(reason) : 'schedule.error.cancel_reason_required'
    if (problem) {
      return cardResponse(c, row.id, { cancelError: t(problem), cancelReason: reason }, 422)
    }
    return mark(c, row, 'cancelled', reason.trim())
  })

  return app
}

async function mark(c: Ctx, row: Row, to: (typeof STATUSES)[number] | undefined, reason?: string) {
  const { t } = c.get('i18n')
  const refuse = (error: string) => cardResponse(c, row.id, { error }, 422)
  if (!to) return refuse(t('schedule.error.bad_status'))
  try {
    await changeStatus(scheduleDeps(c), auditActor(c), row.id, to, reason)
  } catch (err) {
    if (!(err instanceof ScheduleError)) throw err
    if (err.code === 'bad_transition') {
      const names = { from: t(`schedule.status.${row.status}`), to: t(`schedule.status.${to}`) }
      return refuse(t('schedule.error.bad_transition', names))
    }
    if (err.code === 'too_early') return refuse(t('schedule.error.too_early'))
    const refusal = refusalField(err, c.get('i18n'))
    if (!refusal) throw err
    return refuse(refusal.message)
  }
  const props = await loadCard(c, row.id)
  return changed(c, () => <AppointmentCard {...props} />, `/schedule/appointments/${row.id}`)
}
