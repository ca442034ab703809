import type { Context } from 'hono'
import { recordAudit } from '../audit/audit.service.js'
import type { AuditOutcome } from '../audit/audit.table.js'
import type { DbOrTrx } from '../database.js'
import { auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { UserFacingError } from '../http/errors.js'
import type { MessageKey } from '../i18n/messages.js'
import { canReadMedicalOf } from '../policy/break-glass.js'
import { findPatientTitle, type PatientTitle } from './patient-title.queries.js'
import { treatsFor } from './treats.queries.js'

type Ctx = Context<AppEnv>
type Details = Record<string, string | number | boolean | null>

/** What a medical request does, for its one audit event: "medical.card.open", section "card". */
export interface MedicalEvent {
  action: string
  category: string
}

/**
 * The one audit event of a medical request (checklist 21: time, person, terminal, patient,
 * category, action, outcome). Each request calls exactly one of these, so every
 * read of medical data leaves exactly one semantic trace, and every refusal is traced too.
 */
export interface MedicalGate {
  patient: PatientTitle
  /** Records the event with outcome ok, joining `db` when it is a transaction. */
  ok(db: DbOrTrx, details?: Details): Promise<void>
  /** Records a refused form (422, 409 re-rendered with the input kept), outside a transaction. */
  failed(details?: Details): Promise<void>
  /** Records a refusal and returns the error to throw (404 for an id of another patient). */
  refuse(status: 403 | 404 | 409, details?: Details, message?: MessageKey): Promise<UserFacingError>
}

/** A path number: a positive safe integer, else undefined (never a 500 for "abc" or "1e99"). */
export function pathNumber(raw: string | undefined): number | undefined {
  if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return undefined
  return Number(raw)
}

async function record(
  c: Ctx,
  e: MedicalEvent,
  patientId: number | null,
  outcome: AuditOutcome,
  details: Details,
  db?: DbOrTrx,
) {
  const s = c.get('services')
  await recordAudit(
    db ?? s.db,
    s.keys.audit,
    auditActor(c),
    {
      action: e.action,
      category: e.category,
      patientId,
      outcome,
      details,
    },
    s.now(),
  )
}

const MESSAGES = {
  403: 'error.forbidden',
  404: 'error.not_found',
  409: 'medical.error.conflict',
} as const

/**
 * The object-level half of every medical route (checklist 17): the `allow` guard has checked
 * the permission at this terminal; this finds the patient of `:id` and applies the clinic's
 * visibility rule (all patients, or only those one treats, else break-glass).
 * @throws 404 (unknown patient) or 403 (not theirs to see), each recorded as this event.
 * A policy failure is a "no" (checklist 18); a failed audit write fails the request.
 */
export async function openMedical(c: Ctx, event: MedicalEvent): Promise<MedicalGate> {
  const s = c.get('services')
  const session = c.get('session')!
  const id = pathNumber(c.req.param('id'))
  const refuse = async (
    patientId: number | null,
    status: 403 | 404 | 409,
    details: Details = {},
    message?: MessageKey,
  ) => {
    await record(c, event, patientId, status === 403 ? 'denied' : 'failed', { status, ...details })
    return new UserFacingError(status, message ?? MESSAGES[status])
  }
  if (id === undefined) throw await refuse(null, 404)
  const [contacts, documents] = [
    await can(c, 'patients.contacts.read'),
    await can(c, 'patients.documents.read'),
  ]
  const patient = await findPatientTitle(s.db, id, { contacts, documents })
  if (!patient) throw await refuse(null, 404, { patient_ref: id })
  let allowed = false
  let reason = 'not_treating'
  try {
    const now = s.now()
    const treats = treatsFor(session.role, now, s.config.timeZone)
    allowed = await canReadMedicalOf(
      s.db,
      { staffId: session.staffId, role: session.role },
      id,
      now,
      treats,
    )
  } catch (err) {
    reason = 'policy_error'
    s.log.error(
      { requestId: c.get('requestId'), err: (err as Error).message },
      'medical policy failed; denying',
    )
  }
  if (!allowed) throw await refuse(id, 403, { reason })
  return {
    patient,
    ok: (db, details = {}) => record(c, event, id, 'ok', details, db),
    failed: (details = {}) => record(c, event, id, 'failed', details),
    refuse: (status, details, message) => refuse(id, status, details, message),
  }
}
