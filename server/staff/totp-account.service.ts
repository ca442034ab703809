import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import { findStaffById, updateStaff } from './staff.queries.js'
import type { Staff } from './staff.table.js'
import { clearTotpOfSessions, setSessionTotpVerified } from './totp.queries.js'
import {
  checkTotpCode,
  newTotpSecret,
  sealTotpSecret,
  unsealTotpSecret,
  type TotpDeps,
  type TotpResult,
} from './totp.service.js'

// One's own second factor: set up, confirm, turn off, and prove it for this session.
// Every function acts on `staffId` from the session, never on an id from the form.

/** Stores a new pending (not yet enabled) secret, replacing any earlier pending one. */
export async function startTotpSetup(deps: TotpDeps, actor: AuditActor, staff: Staff) {
  if (staff.totp_enabled === 1) return
  const sealed = sealTotpSecret(deps.secretsKey, staff.id, newTotpSecret())
  await deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, staff.id, {
      totp_secret: sealed,
      totp_last_step: null,
      updated_at: deps.now().toISOString(),
    })
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'staff.totp_setup',
        details: { staff: staff.id },
      },
      deps.now(),
    )
  })
}

/** Turns TOTP on once the person proves their app holds the pending secret. */
export async function enableTotp(
  deps: TotpDeps,
  actor: AuditActor,
  sessionId: number,
  staff: Staff,
  code: string,
): Promise<TotpResult> {
  const secret = unsealTotpSecret(deps.secretsKey, staff)
  if (!secret || staff.totp_enabled === 1) return 'bad_code'
  return checkTotpCode(deps, actor, staff.id, secret, code, 'enable', async (trx, at) => {
    await updateStaff(trx, staff.id, { totp_enabled: 1, updated_at: at })
    // The code just entered proves the second factor for this session too.
    await setSessionTotpVerified(trx, sessionId, at)
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'staff.totp_enable',
        details: { staff: staff.id, old: 'off', new: 'on' },
      },
      deps.now(),
    )
  })
}

/** Turns TOTP off; needs a current code, so a borrowed unlocked session cannot do it. */
export async function disableTotp(
  deps: TotpDeps,
  actor: AuditActor,
  staff: Staff,
  code: string,
): Promise<TotpResult> {
  const secret = unsealTotpSecret(deps.secretsKey, staff)
  if (!secret || staff.totp_enabled !== 1) return 'bad_code'
  return checkTotpCode(deps, actor, staff.id, secret, code, 'disable', async (trx, at) => {
    await updateStaff(trx, staff.id, {
      totp_enabled: 0,
      totp_secret: null,
      totp_last_step: null,
      updated_at: at,
    })
    await clearTotpOfSessions(trx, staff.id)
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'staff.totp_disable',
        details: { staff: staff.id, old: 'on', new: 'off' },
      },
      deps.now(),
    )
  })
}

/** Marks this session as having passed the second factor (step-up before admin pages). */
export async function verifySessionTotp(
  deps: TotpDeps,
  actor: AuditActor,
  sessionId: number,
  staffId: number,
  code: string,
): Promise<TotpResult> {
  const staff = await findStaffById(deps.db, staffId)
  const secret = staff && staff.totp_enabled === 1 && unsealTotpSecret(deps.secretsKey, staff)
  if (!secret) return 'bad_code'
  return checkTotpCode(deps, actor, staffId, secret, code, 'verify', (trx, at) =>
    setSessionTotpVerified(trx, sessionId, at),
  )
}
