import { Hono } from 'hono'
import { longDate, shortName } from '../../views/schedule/format.js'
import { PrintPage } from '../../views/schedule/print.page.js'
import { VisitHistory } from '../../views/schedule/visit-history.partial.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { listAppointmentsInRange, listVisitsOfPatient } from './appointments.queries.js'
import { clinicRange } from './clinic-time.js'
import { findDoctor, findPatientBrief, listDoctors } from './schedule.queries.js'
import { dateQuery, idParam, toId } from './schedule.http.js'

/** The printable day list of a doctor, and a patient's visit history for reception. */
export function schedulePrintRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/schedule/print', allow('schedule.read'), async (c) => {
    const s = c.get('services')
    const date = dateQuery(c)
    const doctors = await listDoctors(s.db)
    const raw = c.req.query('doctor')
    const doctorId = toId(raw)
    if (raw && !doctorId) throw notFound()
    const doctor = doctorId ? await findDoctor(s.db, doctorId) : undefined
    if (doctorId && !doctor) throw notFound()
    const range = clinicRange(date, 1, s.config.timeZone)
    const rows = doctor
      ? await listAppointmentsInRange(s.db, range.from, range.to, { doctorId: doctor.id })
      : []
    // A printed list leaves the system with patients' names on it: recorded like any print.
    if (doctor) {
      await recordAudit(
        s.db,
        s.keys.audit,
        auditActor(c),
        {
          action: 'schedule.print',
          category: 'schedule',
          details: { doctor: doctor.id, date, appointments: rows.length },
        },
        s.now(),
      )
    }
    const { t } = c.get('i18n')
    return c.render(
      <PrintPage i18n={c.get('i18n')} date={date} doctors={doctors} doctor={doctor} rows={rows} />,
      {
        title: doctor
          ? t('schedule.print_title', {
              doctor: doctor.full_name,
              date: longDate(c.get('i18n'), date),
            })
          : t('schedule.print_choose'),
      },
    )
  })

  // The patients engineer's card includes VisitHistory itself; this route serves it alone
  // (htmx) or as a page. The fact of a visit is confidential too (323-ФЗ ст.13): audited.
  app.get('/patients/:id/visits', allow('schedule.read'), async (c) => {
    const s = c.get('services')
    const patient = await findPatientBrief(s.db, idParam(c))
    if (!patient) throw notFound()
    const visits = await listVisitsOfPatient(s.db, patient.id)
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      { action: 'schedule.visits.view', category: 'schedule', patientId: patient.id },
      s.now(),
    )
    const partial = <VisitHistory i18n={c.get('i18n')} visits={visits} />
    if (isHtmx(c)) return c.html(partial)
    const title = c.get('i18n').t('schedule.visits_page', { name: shortName(patient) })
    return c.render(
      <div class="schedule-standalone">
        <h1>{title}</h1>
        {partial}
      </div>,
      { title },
    )
  })

  return app
}
