import type { Context } from 'hono'
import { recordAudit } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import { auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { forbidden, notFound } from '../http/errors.js'
import { treatsFor } from '../medical/treats.queries.js'
import { canReadMedicalOf } from '../policy/break-glass.js'

// The object-level half of every medical route (checklist 17): the route's `allow` guard has
// checked the permission at this terminal; this checks the patient exists and that this person
// may see this patient's medical data (visibility mode, treating doctor, break-glass).

/** What plan and file pages show of the patient: enough to know whose papers these are. */
export interface PatientHeader {
  id: number
  card_number: string
  surname: string
  name: string
  patronymic: string | null
  birth_date: string
  guardian_id: number | null
  guardian_relation: string | null
}

export function findPatientHeader(db: DbOrTrx, id: number): Promise<PatientHeader | undefined> {
  return db
    .selectFrom('patients')
    .select([
      'id',
      'card_number',
      'surname',
      'name',
      'patronymic',
      'birth_date',
      'guardian_id',
      'guardian_relation',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}

export function fullName(p: Pick<PatientHeader, 'surname' | 'name' | 'patronymic'>): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}

/** A path id: a positive safe integer, or 404 (never a 500 for "abc" or "1e99"). */
export function pathId(c: Context<AppEnv>, name: string): number {
  const raw = c.req.param(name) ?? ''
  const n = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n)) throw notFound()
  return n
}

/**
 * The patient of `:patientId`, when this person may see their medical data.
 * @throws 404 for an unknown patient; 403 (recorded as `access.denied`) when the clinic's
 * visibility rules keep this patient from them.
 */
export async function medicalPatient(c: Context<AppEnv>): Promise<PatientHeader> {
  const s = c.get('services')
  const session = c.get('session')!
  const patient = await findPatientHeader(s.db, pathId(c, 'patientId'))
  if (!patient) throw notFound()
  const ok = await canReadMedicalOf(
    s.db,
    { staffId: session.staffId, role: session.role },
    patient.id,
    s.now(),
    // The card's own rule (doctors: their appointments; assistants: today's patients).
    treatsFor(session.role, s.now(), s.config.timeZone),
  )
  if (!ok) {
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'access.denied',
      outcome: 'denied',
      patientId: patient.id,
      category: 'medical',
      details: { route: c.req.routePath, reason: 'not_treating' },
    })
    throw forbidden()
  }
  return patient
}
