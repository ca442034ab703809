import type { Context } from 'hono'
import { recordAudit } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import { auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { clinicToday } from '../schedule/clinic-time.js'
import { findPatientById } from './patients.queries.js'
import type { Patient } from './patients.table.js'

type Ctx = Context<AppEnv>

/** The data categories of patient events in the audit trail (checklist 21). */
export type PatientCategory = 'contacts' | 'documents' | 'notes' | 'consents'

/** A positive integer id from the path, or undefined ("12abc", "-1", "1e3" are not ids). */
export function pathId(c: Ctx, name: string): number | undefined {
  const raw = c.req.param(name) ?? ''
  if (!/^[1-9]\d{0,15}$/.test(raw)) return undefined
  const id = Number(raw)
  return Number.isSafeInteger(id) ? id : undefined
}

/**
 * The patient named by `:id` (checklist 17: every id in a path is checked).
 * @throws 404 for a malformed or unknown id, the same answer for both.
 */
export async function patientFromPath(
  c: Ctx,
  db: DbOrTrx = c.get('services').db,
): Promise<Patient> {
  const id = pathId(c, 'id')
  const patient = id === undefined ? undefined : await findPatientById(db, id)
  if (!patient) throw notFound()
  return patient
}

/** Records a patient event with its category, joining `db`'s transaction when it is one. */
export function auditPatient(
  c: Ctx,
  db: DbOrTrx,
  event: {
    action: string
    patientId: number
    category: PatientCategory
    outcome?: 'ok' | 'denied' | 'failed'
    details?: Record<string, string | number | boolean | null>
  },
) {
  const s = c.get('services')
  return recordAudit(
    db,
    s.keys.audit,
    auditActor(c),
    {
      action: event.action,
      outcome: event.outcome,
      patientId: event.patientId,
      category: event.category,
      details: event.details,
    },
    s.now(),
  )
}

/** Today in the clinic's time zone, from the injected clock. */
export function today(c: Ctx): string {
  const s = c.get('services')
  return clinicToday(s.now(), s.config.timeZone)
}
