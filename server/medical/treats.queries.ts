import type { DbOrTrx } from '../database.js'
import type { TreatsPredicate } from '../policy/break-glass.js'
import type { Role } from '../policy/permissions.js'
import { clinicRange, clinicToday } from '../schedule/clinic-time.js'

/**
 * Does this person treat this patient, for the clinic's "own patients" mode? A doctor (or an
 * owner who sees patients) treats everyone they have a non-cancelled appointment with. An
 * assistant is not on appointments: they work with today's patients at the chair, so they
 * treat a patient booked (not cancelled) for today; anyone else goes through break-glass.
 */
export function treatsFor(role: Role, now: Date, timeZone: string): TreatsPredicate {
  return async (db: DbOrTrx, staffId: number, patientId: number) => {
    let q = db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('status', '!=', 'cancelled')
    if (role === 'assistant') {
      const day = clinicRange(clinicToday(now, timeZone), 1, timeZone)
      q = q.where('starts_at', '>=', day.from).where('starts_at', '<', day.to)
    } else {
      q = q.where('doctor_id', '=', staffId)
    }
    return (await q.limit(1).executeTakeFirst()) !== undefined
  }
}
