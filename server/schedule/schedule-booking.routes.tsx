import { Hono, type Context } from 'hono'
import { AppointmentCard } from '../../views/schedule/appointment-card.partial.js'
import {
  BookingForm,
  type BookingField,
  type BookingValues,
} from '../../views/schedule/booking-form.partial.js'
import { PatientPicker, type PickerHit } from '../../views/schedule/patient-picker.partial.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { forbidden } from '../http/errors.js'
import { form } from '../http/forms.js'
import { searchPatients } from '../patients/patients.search.js'
import { bookingOptions, loadCard } from './appointment-card.js'
import { formatMinutes, isIsoDate, parseTime } from './clinic-time.js'
import { bookingSchema, checkText, parseSlot, refusalField, type Errors } from './schedule.forms.js'
import { changed, dateQuery, panel, scheduleDeps, toId } from './schedule.http.js'
import { findPatientBrief } from './schedule.queries.js'
import { bookAppointment, ScheduleError } from './schedule.service.js'
import { hoursWarning } from './working-hours.js'

type Ctx = Context<AppEnv>

const PICKER_LIMIT = 10

/**
 * The patients matching a query, with the chosen one kept even when the query changed.
 * Searching patients needs their contacts permission, not only the schedule's.
 */
async function pick(c: Ctx, q: string, selectedId: number | undefined) {
  if (!(await can(c, 'patients.contacts.read'))) throw forbidden()
  const db = c.get('services').db
  const query = q.trim()
  const hits: PickerHit[] =
    query.length >= 2 ? await searchPatients(db, query, { limit: PICKER_LIMIT }) : []
  const selected = selectedId ? await findPatientBrief(db, selectedId) : undefined
  if (selected && !hits.some((h) => h.id === selected.id)) hits.unshift(selected)
  return { hits, selectedId: selected?.id, searched: query.length >= 2 }
}

async function renderForm(
  c: Ctx,
  values: BookingValues & { patient_id: string },
  opts: { errors?: Errors<BookingField>; warning?: string; status?: 200 | 422 } = {},
) {
  const picker = await pick(c, values.q, toId(values.patient_id))
  const { t } = c.get('i18n')
  return panel(
    c,
    <BookingForm
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      values={values}
      errors={opts.errors ?? {}}
      picker={picker}
      warning={opts.warning}
      {...await bookingOptions(c)}
    />,
    // The date is the user's input when the form is re-rendered after a refusal: only a real
    // date goes into the link back, anything else leads back to the schedule's default day.
    {
      title: t('schedule.book_title'),
      backTo: isIsoDate(values.date) ? `/schedule?date=${values.date}` : '/schedule',
    },
    opts.status ?? 200,
  )
}

/** Booking an appointment: the form, the patient picker and the booking itself. */
export function scheduleBookingRoutes() {
  const app = new Hono<AppEnv>()

  // Prefill from the query: date, and optionally time, doctor and chair (never a patient).
  app.get('/schedule/appointments/new', allow('schedule.write'), async (c) => {
    const time = parseTime(c.req.query('time') ?? '')
    const { doctors, chairs } = await bookingOptions(c)
    const only = (list: { value: string }[]) => (list.length === 1 ? list[0]!.value : '')
    return renderForm(c, {
      q: '',
      patient_id: '',
      doctor_id: String(toId(c.req.query('doctor')) ?? only(doctors)),
      chair_id: String(toId(c.req.query('chair')) ?? only(chairs)),
      date: dateQuery(c),
      start: time === undefined ? '' : formatMinutes(time),
      duration: '30',
      reason: '',
    })
  })

  // htmx: the picker as the receptionist types (POST: the query is a name or a phone).
  app.post('/schedule/patient-picker', allow('schedule.write'), async (c) => {
    const input = await form(c, bookingSchema)
    const picker = await pick(c, input.q, toId(input.patient_id))
    return c.html(<PatientPicker i18n={c.get('i18n')} {...picker} />)
  })

  app.post('/schedule/appointments', allow('schedule.write'), async (c) => {
    const { t } = c.get('i18n')
    const input = await form(c, bookingSchema)
    // Without JS the «Найти» button posts the whole form: show the hits, keep the rest.
    if (input.intent === 'search') return renderForm(c, input)
    const { slot, errors } = parseSlot(input, c.get('i18n'))
    const all: Errors<BookingField> = errors
    const patientId = toId(input.patient_id)
    if (!patientId) all.patient_id = t('schedule.error.patient_required')
    const reasonProblem = checkText(input.reason)
    if (reasonProblem) all.reason = t(reasonProblem)
    if (!slot || Object.keys(all).length > 0)
      return renderForm(c, input, { errors: all, status: 422 })
    const deps = scheduleDeps(c)
    const warning = await hoursWarning(deps.db, slot, deps.timeZone)
    if (warning && input.outside_ok !== '1') {
      return renderForm(c, input, { warning: t(`schedule.warning.${warning}`), status: 422 })
    }
    try {
      const id = await bookAppointment(deps, auditActor(c), {
        ...slot,
        patientId: patientId!,
        reason: input.reason.trim(),
      })
      const props = await loadCard(c, id)
      return changed(c, () => <AppointmentCard {...props} />, `/schedule?date=${input.date}`)
    } catch (err) {
      const refusal = err instanceof ScheduleError ? refusalField(err, c.get('i18n')) : undefined
      if (!refusal) throw err
      return renderForm(c, input, { errors: { [refusal.field]: refusal.message }, status: 422 })
    }
  })

  return app
}
