import { Hono } from 'hono'
import { z } from 'zod'
import type { DayOffFormValues } from '../../views/schedule/settings-days-off.partial.js'
import type { HoursFormValues } from '../../views/schedule/settings-hours.partial.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { isIsoDate, parseTime } from './clinic-time.js'
import { checkText } from './schedule.forms.js'
import { idParam, toId } from './schedule.http.js'
import { findChair, findDoctor } from './schedule.queries.js'
import { applySetting, settingsPage } from './schedule-settings.routes.js'
import {
  deleteDayOff,
  deleteWorkingHours,
  findDayOff,
  findDayOffOf,
  findOverlappingHours,
  findWorkingHours,
  insertDayOff,
  insertWorkingHours,
} from './settings.queries.js'

const field = z.string().max(20_000).default('')
const hoursSchema = z.object({
  doctor_id: field,
  weekday: field,
  starts: field,
  ends: field,
  chair_id: field,
})
const dayOffSchema = z.object({ doctor_id: field, date: field, reason: field })

/** Doctors' working hours and days off. */
export function scheduleHoursRoutes() {
  const app = new Hono<AppEnv>()

  app.post('/schedule/working-hours', allow('schedule.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const input = await form(c, hoursSchema)
    const errors: HoursFormValues['errors'] = {}
    const doctor = await findDoctorOf(input.doctor_id)
    const weekday = /^[1-7]$/.test(input.weekday) ? Number(input.weekday) : undefined
    const starts = parseTime(input.starts)
    const ends = parseTime(input.ends)
    const chairId = input.chair_id === '' ? null : toId(input.chair_id)
    if (!doctor) errors.doctor_id = t('schedule.error.doctor_required')
    if (!weekday) errors.weekday = t('schedule.error.weekday')
    if (starts === undefined) errors.starts = t('schedule.error.time')
    if (ends === undefined) errors.ends = t('schedule.error.time')
    else if (starts !== undefined && ends <= starts) errors.ends = t('schedule.error.hours_order')
    if (chairId === undefined || (chairId !== null && !(await findChair(s.db, chairId)))) {
      errors.chair_id = t('schedule.error.chair_required')
    }
    if (Object.keys(errors).length === 0) {
      const clash = await findOverlappingHours(s.db, doctor!.id, weekday!, input.starts, input.ends)
      if (clash) {
        errors.starts = t('schedule.error.hours_overlap', { time: `${clash.starts}–${clash.ends}` })
      }
    }
    if (Object.keys(errors).length > 0) {
      return settingsPage(c, { hoursForm: { ...input, errors } }, 422)
    }
    const row = {
      doctor_id: doctor!.id,
      weekday: weekday!,
      starts: input.starts,
      ends: input.ends,
      chair_id: chairId ?? null,
      created_at: s.now().toISOString(),
    }
    const { created_at: _, ...details } = row
    return applySetting(c, { action: 'schedule.hours.create', details, days: ['*'] }, (trx) =>
      insertWorkingHours(trx, row),
    )

    async function findDoctorOf(raw: string) {
      const id = toId(raw)
      const d = id ? await findDoctor(s.db, id) : undefined
      return d?.active === 1 ? d : undefined
    }
  })

  app.post('/schedule/working-hours/:id/delete', allow('schedule.write'), async (c) => {
    const hours = await findWorkingHours(c.get('services').db, idParam(c))
    if (!hours) throw notFound()
    return applySetting(
      c,
      { action: 'schedule.hours.delete', details: { ...hours }, days: ['*'] },
      (trx) => deleteWorkingHours(trx, hours.id),
    )
  })

  app.post('/schedule/days-off', allow('schedule.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const input = await form(c, dayOffSchema)
    const errors: DayOffFormValues['errors'] = {}
    const doctorId = toId(input.doctor_id)
    const doctor = doctorId ? await findDoctor(s.db, doctorId) : undefined
    const reason = input.reason.trim()
    if (!doctor || doctor.active !== 1) errors.doctor_id = t('schedule.error.doctor_required')
    if (!isIsoDate(input.date)) errors.date = t('schedule.error.date')
    else if (doctor && (await findDayOffOf(s.db, doctor.id, input.date))) {
      errors.date = t('schedule.error.day_off_taken')
    }
    const problem = checkText(reason, 200)
    if (problem) errors.reason = t(problem)
    if (Object.keys(errors).length > 0) {
      return settingsPage(c, { dayOffForm: { ...input, errors } }, 422)
    }
    return applySetting(
      c,
      {
        action: 'schedule.day_off.create',
        details: { doctor: doctor!.id, date: input.date },
        days: [input.date],
      },
      (trx) =>
        insertDayOff(trx, {
          doctor_id: doctor!.id,
          date: input.date,
          reason: reason || null,
          created_at: s.now().toISOString(),
        }),
    )
  })

  app.post('/schedule/days-off/:id/delete', allow('schedule.write'), async (c) => {
    const off = await findDayOff(c.get('services').db, idParam(c))
    if (!off) throw notFound()
    return applySetting(
      c,
      { action: 'schedule.day_off.delete', details: { ...off }, days: [off.date] },
      (trx) => deleteDayOff(trx, off.id),
    )
  })

  return app
}
