import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import type { Role } from './permissions.js'
import { medicalVisibility } from './policy.js'

// Break-glass (checklist 19; HIPAA a2ii, ONC d6): when the clinic restricts doctors to the
// patients they treat, a named person may still open another patient's card in an emergency,
// giving a reason, for a limited time, flagged in the audit trail and reviewed by the owner.

/** How long one break-glass grant lasts. Fixed on purpose: a longer need is a new request. */
export const BREAK_GLASS_MINUTES = 30
export const BREAK_GLASS_REASON_MIN = 10
export const BREAK_GLASS_REASON_MAX = 1000

export interface BreakGlassDeps {
  db: Db
  auditKey: Buffer
  now: () => Date
}

export type BreakGlassProblem =
  | 'reason_too_short'
  | 'reason_too_long'
  | 'bad_patient'
  | 'note_required'
  | 'note_too_long'
  | 'not_found'
  | 'already_reviewed'
  | 'own_grant'

/** A request or review the service refuses; routes map it to a status and re-render the form. */
export class BreakGlassError extends Error {
  override name = 'BreakGlassError'
  constructor(readonly problem: BreakGlassProblem) {
    super(problem)
  }
}

/**
 * Opens a break-glass grant and records `break_glass.start` (flagged, with the reason) in the
 * same transaction, so a grant never exists without its audit event.
 * @throws BreakGlassError for a short or long reason or a patient id that is not positive.
 */
export async function requestBreakGlass(
  deps: BreakGlassDeps,
  actor: AuditActor,
  input: { staffId: number; deviceId: number; patientId: number; reason: string },
): Promise<{ id: number; expiresAt: string }> {
  const reason = input.reason.trim()
  if (reason.length < BREAK_GLASS_REASON_MIN) throw new BreakGlassError('reason_too_short')
  if (reason.length > BREAK_GLASS_REASON_MAX) throw new BreakGlassError('reason_too_long')
  if (!Number.isSafeInteger(input.patientId) || input.patientId < 1) {
    throw new BreakGlassError('bad_patient')
  }
  const now = deps.now()
  const startedAt = now.toISOString()
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString()
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('break_glass')
      .values({
        staff_id: input.staffId,
        device_id: input.deviceId,
        patient_id: input.patientId,
        reason,
        started_at: startedAt,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'break_glass.start',
        patientId: input.patientId,
        category: 'medical',
        details: { break_glass: row.id, reason, expires_at: expiresAt, flagged: true },
      },
      now,
    )
    return row.id
  })
  return { id, expiresAt }
}

/** The grant that lets this person read this patient's card right now, if any. */
export function activeBreakGlass(db: DbOrTrx, staffId: number, patientId: number, now: Date) {
  const at = now.toISOString()
  return db
    .selectFrom('break_glass')
    .select(['id', 'started_at', 'expires_at', 'reason'])
    .where('staff_id', '=', staffId)
    .where('patient_id', '=', patientId)
    .where('started_at', '<=', at)
    .where('expires_at', '>', at)
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Does this person treat this patient? Injected because appointments (and so the answer) come
 * with the schedule issue; until then callers pass a predicate of their own.
 */
export type TreatsPredicate = (db: DbOrTrx, staffId: number, patientId: number) => Promise<boolean>

/**
 * The object-level check for medical data, on top of the `medical.read` permission (which
 * the route's `allow` guard has already checked): true when the clinic lets doctors see all
 * patients, when the person treats the patient, or when they hold an active break-glass
 * grant for them. No role is exempt, the owner included: in "own" mode every read of another
 * patient goes through break-glass and is flagged. `role` is passed so that role-specific
 * rules (an assistant following their doctor's patients) can land with appointments.
 * @throws whatever the database throws; callers must let it fail the request, never allow.
 */
export async function canReadMedicalOf(
  db: DbOrTrx,
  staff: { staffId: number; role: Role },
  patientId: number,
  now: Date,
  treats: TreatsPredicate,
): Promise<boolean> {
  if ((await medicalVisibility(db)) === 'all') return true
  if (await treats(db, staff.staffId, patientId)) return true
  return (await activeBreakGlass(db, staff.staffId, patientId, now)) !== undefined
}

export const REVIEW_NOTE_MAX = 1000

/**
 * The owner's review of one grant: note, reviewer and time, with `break_glass.review` in the
 * same transaction. Nobody reviews their own grant: a review is a second pair of eyes.
 * @throws BreakGlassError: note_required, note_too_long, not_found, own_grant, already_reviewed.
 */
export async function reviewBreakGlass(
  deps: BreakGlassDeps,
  actor: AuditActor & { staffId: number },
  input: { id: number; note: string },
): Promise<void> {
  const note = input.note.trim()
  if (note.length === 0) throw new BreakGlassError('note_required')
  if (note.length > REVIEW_NOTE_MAX) throw new BreakGlassError('note_too_long')
  const now = deps.now()
  await deps.db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('break_glass')
      .select(['id', 'staff_id', 'patient_id', 'reviewed_at'])
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (!grant) throw new BreakGlassError('not_found')
    if (grant.staff_id === actor.staffId) throw new BreakGlassError('own_grant')
    if (grant.reviewed_at !== null) throw new BreakGlassError('already_reviewed')
    await trx
      .updateTable('break_glass')
      .set({ reviewed_by: actor.staffId, reviewed_at: now.toISOString(), review_note: note })
      .where('id', '=', grant.id)
      .execute()
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'break_glass.review',
        patientId: grant.patient_id,
        details: { break_glass: grant.id, note, grant_staff: grant.staff_id },
      },
      now,
    )
  })
}
