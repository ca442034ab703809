import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import {
  findAppointmentRow,
  findOverlaps,
  insertAppointment,
  insertStatusChange,
  updateAppointment,
} from './appointments.queries.js'
import { toClinic } from './clinic-time.js'
import { BLOCKING, canTransition, MOVABLE, ON_THE_DAY } from './schedule.rules.js'
import { bumpScheduleVersion, findChair, findDoctor, findPatientBrief } from './schedule.queries.js'
import type { AppointmentStatus } from './schedule.table.js'

export interface ScheduleDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
  timeZone: string
}

export interface Slot {
  doctorId: number
  chairId: number
  startsAt: string
  endsAt: string
}

export type ScheduleErrorCode =
  | 'conflict_doctor'
  | 'conflict_chair'
  | 'unknown_patient'
  | 'unknown_doctor'
  | 'unknown_chair'
  | 'not_movable'
  | 'bad_transition'
  | 'too_early'
  | 'not_found'

/** A refusal by the schedule's rules; the route turns it into a message on a form field. */
export class ScheduleError extends Error {
  override name = 'ScheduleError'
  constructor(
    readonly code: ScheduleErrorCode,
    /** For conflicts: the appointment in the way. */
    readonly conflict?: { startsAt: string; endsAt: string; chairName: string },
  ) {
    super(code)
  }
}

const SCHEDULE = 'schedule'

/** Refuses a slot that overlaps a blocking appointment of the same doctor or the same chair. */
async function assertFree(db: DbOrTrx, slot: Slot, exceptId?: number) {
  const overlaps = await findOverlaps(db, slot, BLOCKING, exceptId)
  const doctor = overlaps.find((o) => o.doctor_id === slot.doctorId)
  const hit = doctor ?? overlaps[0]
  if (!hit) return
  throw new ScheduleError(doctor ? 'conflict_doctor' : 'conflict_chair', {
    startsAt: hit.starts_at,
    endsAt: hit.ends_at,
    chairName: hit.chair_name,
  })
}

async function assertBookable(db: DbOrTrx, slot: Pick<Slot, 'doctorId' | 'chairId'>) {
  const doctor = await findDoctor(db, slot.doctorId)
  if (!doctor || doctor.active !== 1) throw new ScheduleError('unknown_doctor')
  const chair = await findChair(db, slot.chairId)
  if (!chair || chair.active !== 1) throw new ScheduleError('unknown_chair')
}

const dayOf = (deps: ScheduleDeps, iso: string) => toClinic(iso, deps.timeZone).date

/**
 * Books an appointment. The overlap check and the insert share one transaction, and SQLite
 * has one writer, so two terminals cannot book the same slot at once.
 * @throws ScheduleError for an unknown patient, doctor or chair, or an overlap.
 */
export async function bookAppointment(
  deps: ScheduleDeps,
  actor: AuditActor,
  input: Slot & { patientId: number; reason: string },
): Promise<number> {
  const now = deps.now()
  const at = now.toISOString()
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findPatientBrief(trx, input.patientId))) throw new ScheduleError('unknown_patient')
    await assertBookable(trx, input)
    await assertFree(trx, input)
    const id = await insertAppointment(trx, {
      patient_id: input.patientId,
      doctor_id: input.doctorId,
      chair_id: input.chairId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      status: 'booked',
      reason: input.reason,
      cancel_reason: null,
      created_by: actor.staffId,
      created_at: at,
      updated_at: at,
    })
    await insertStatusChange(trx, {
      appointment_id: id,
      from_status: null,
      to_status: 'booked',
      at,
      staff_id: actor.staffId,
      device_id: actor.deviceId,
    })
    await bumpScheduleVersion(trx, [dayOf(deps, input.startsAt)])
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'schedule.book',
        category: SCHEDULE,
        patientId: input.patientId,
        details: {
          appointment: id,
          doctor: input.doctorId,
          chair: input.chairId,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
        },
      },
      now,
    )
    return id
  })
}

/**
 * Moves (new time, doctor or chair) or resizes (new end) an appointment that is still active.
 * @throws ScheduleError when it is gone, final, or the new slot overlaps.
 */
export async function rescheduleAppointment(
  deps: ScheduleDeps,
  actor: AuditActor,
  id: number,
  slot: Slot,
  action: 'schedule.move' | 'schedule.resize',
): Promise<void> {
  const now = deps.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await findAppointmentRow(trx, id)
    if (!row) throw new ScheduleError('not_found')
    if (!MOVABLE.includes(row.status)) throw new ScheduleError('not_movable')
    if (row.doctor_id !== slot.doctorId || row.chair_id !== slot.chairId) {
      await assertBookable(trx, slot)
    }
    await assertFree(trx, slot, id)
    await updateAppointment(trx, id, {
      doctor_id: slot.doctorId,
      chair_id: slot.chairId,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      updated_at: now.toISOString(),
    })
    await bumpScheduleVersion(trx, [dayOf(deps, row.starts_at), dayOf(deps, slot.startsAt)])
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action,
        category: SCHEDULE,
        patientId: row.patient_id,
        details: {
          appointment: id,
          from_doctor: row.doctor_id,
          from_chair: row.chair_id,
          from_starts_at: row.starts_at,
          from_ends_at: row.ends_at,
          doctor: slot.doctorId,
          chair: slot.chairId,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
        },
      },
      now,
    )
  })
}

/**
 * Changes the status along TRANSITIONS, timestamped in appointment_status_changes.
 * @throws ScheduleError for a transition the rules do not allow, a mark before the day,
 *   or a no-show turned arrival whose freed slot has been taken meanwhile.
 */
export async function changeStatus(
  deps: ScheduleDeps,
  actor: AuditActor,
  id: number,
  to: AppointmentStatus,
  cancelReason?: string,
): Promise<void> {
  const now = deps.now()
  const at = now.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const row = await findAppointmentRow(trx, id)
    if (!row) throw new ScheduleError('not_found')
    if (!canTransition(row.status, to)) throw new ScheduleError('bad_transition')
    if (ON_THE_DAY.includes(to) && dayOf(deps, at) < dayOf(deps, row.starts_at)) {
      throw new ScheduleError('too_early')
    }
    if (BLOCKING.includes(to) && !BLOCKING.includes(row.status)) {
      const slot = {
        doctorId: row.doctor_id,
        chairId: row.chair_id,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
      }
      await assertFree(trx, slot, id)
    }
    await updateAppointment(trx, id, {
      status: to,
      ...(to === 'cancelled' ? { cancel_reason: cancelReason ?? null } : {}),
      updated_at: at,
    })
    await insertStatusChange(trx, {
      appointment_id: id,
      from_status: row.status,
      to_status: to,
      at,
      staff_id: actor.staffId,
      device_id: actor.deviceId,
    })
    await bumpScheduleVersion(trx, [dayOf(deps, row.starts_at)])
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'schedule.status',
        category: SCHEDULE,
        patientId: row.patient_id,
        details: { appointment: id, from: row.status, to },
      },
      now,
    )
  })
}
