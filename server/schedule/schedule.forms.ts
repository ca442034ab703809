import { z } from 'zod'
import { clockRange } from '../../views/schedule/format.js'
import type { I18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/messages.js'
import { fromClinic, isIsoDate, parseTime } from './clinic-time.js'
import { CONTROL_CHARS, toId } from './schedule.http.js'
import { MAX_DURATION_MINUTES, REASON_MAX, SLOT_MINUTES } from './schedule.rules.js'
import type { ScheduleError, Slot } from './schedule.service.js'

// Form schemas and their checks. Limits are generous at the zod level so that an oversized
// value comes back to the form with a message (forms.ts falls back to defaults otherwise).

const text = (max = 200) => z.string().max(max).default('')
const LONG = 20_000

export const bookingSchema = z.object({
  intent: text(20),
  q: text(),
  patient_id: text(),
  doctor_id: text(),
  chair_id: text(),
  date: text(),
  start: text(),
  duration: text(),
  reason: text(LONG),
  outside_ok: text(),
})

export const moveSchema = z.object({
  date: text(),
  start: text(),
  doctor_id: text(),
  chair_id: text(),
  outside_ok: text(),
})

export const resizeSchema = z.object({ duration: text(), outside_ok: text() })

export type SlotField = 'doctor_id' | 'chair_id' | 'date' | 'start' | 'duration'
export type Errors<F extends string> = Partial<Record<F, string>>

/** Free text the schedule keeps (reason, cancellation): bounded, no control characters. */
export function checkText(value: string, max = REASON_MAX): MessageKey | undefined {
  if (value.length > max) return 'schedule.error.too_long'
  if (CONTROL_CHARS.test(value)) return 'schedule.error.control_chars'
  return undefined
}

/** Duration in minutes from the form, or undefined when it is not a whole number of slots. */
export function parseDuration(raw: string): number | undefined {
  if (!/^\d{1,4}$/.test(raw)) return undefined
  const n = Number(raw)
  return n >= SLOT_MINUTES && n <= MAX_DURATION_MINUTES && n % SLOT_MINUTES === 0 ? n : undefined
}

/**
 * Validates doctor, chair, date, start and duration, and turns clinic-local date and time
 * into UTC instants. The end is start + duration in real time (right across a DST change).
 */
export function parseSlot(
  v: { doctor_id: string; chair_id: string; date: string; start: string; duration: string },
  i18n: I18n,
): { slot?: Slot; errors: Errors<SlotField> } {
  const { t } = i18n
  const errors: Errors<SlotField> = {}
  const doctorId = toId(v.doctor_id)
  const chairId = toId(v.chair_id)
  const start = parseTime(v.start)
  const duration = parseDuration(v.duration)
  if (!doctorId) errors.doctor_id = t('schedule.error.doctor_required')
  if (!chairId) errors.chair_id = t('schedule.error.chair_required')
  if (!isIsoDate(v.date)) errors.date = t('schedule.error.date')
  if (start === undefined || start % SLOT_MINUTES !== 0) {
    errors.start = t('schedule.error.start', { step: SLOT_MINUTES })
  }
  if (duration === undefined) {
    errors.duration = t('schedule.error.duration', { step: SLOT_MINUTES })
  }
  if (Object.keys(errors).length > 0) return { errors }
  const startsAt = fromClinic(v.date, start!, i18n.timeZone)
  const endsAt = new Date(Date.parse(startsAt) + duration! * 60_000).toISOString()
  return { slot: { doctorId: doctorId!, chairId: chairId!, startsAt, endsAt }, errors }
}

/** Where on a booking or move form a refusal by the rules belongs, and what it says. */
export function refusalField(
  err: ScheduleError,
  i18n: I18n,
): { field: SlotField | 'patient_id'; message: string } | undefined {
  const { t } = i18n
  const c = err.conflict
  switch (err.code) {
    case 'conflict_doctor':
      return {
        field: 'start',
        message: t('schedule.error.conflict_doctor', {
          time: clockRange(i18n, c!.startsAt, c!.endsAt),
        }),
      }
    case 'conflict_chair':
      return {
        field: 'chair_id',
        message: t('schedule.error.conflict_chair', {
          chair: c!.chairName,
          time: clockRange(i18n, c!.startsAt, c!.endsAt),
        }),
      }
    case 'unknown_patient':
      return { field: 'patient_id', message: t('schedule.error.patient_required') }
    case 'unknown_doctor':
      return { field: 'doctor_id', message: t('schedule.error.doctor_required') }
    case 'unknown_chair':
      return { field: 'chair_id', message: t('schedule.error.chair_required') }
    default:
      return undefined
  }
}
