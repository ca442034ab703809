import { Secret, TOTP } from 'otpauth'
import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import { seal, unseal } from '../crypto/seal.js'
import type { Db, DbOrTrx } from '../database.js'
import { claimTotpStep, recentTotpChecks } from './totp.queries.js'
import type { Staff } from './staff.table.js'

// RFC 6238 defaults, the only ones every authenticator app supports.
const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const
/** Codes of the previous and the next 30-second step also pass (clock drift of the phone). */
const WINDOW = 1
/** After this many wrong codes within THROTTLE_MS, further codes are refused unchecked. */
export const TOTP_MAX_FAILURES = 5
const THROTTLE_MS = 15 * 60_000

export interface TotpDeps {
  db: Db
  auditKey: Buffer
  secretsKey: Buffer
  now: () => Date
}

export type TotpPurpose = 'verify' | 'enable' | 'disable'
export type TotpResult = 'ok' | 'bad_code' | 'throttled'

/** A fresh 160-bit secret, base32 as apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The secret sealed to its owner: a sealed value copied onto another row does not open. */
export function sealTotpSecret(key: Buffer, staffId: number, base32: string): string {
  return seal(key, base32, String(staffId))
}

export function unsealTotpSecret(key: Buffer, staff: Pick<Staff, 'id' | 'totp_secret'>) {
  return staff.totp_secret ? unseal(key, staff.totp_secret, String(staff.id)) : undefined
}

/** The otpauth:// URI an authenticator app imports (typed in, or pasted on the same phone). */
export function otpauthUri(base32: string, issuer: string, login: string): string {
  return new TOTP({ ...PARAMS, issuer, label: login, secret: Secret.fromBase32(base32) }).toString()
}

/** The time step a code belongs to, if it is valid now within ±1 step. */
export function matchTotpStep(base32: string, code: string, now: Date): number | undefined {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return undefined
  const timestamp = now.getTime()
  const secret = Secret.fromBase32(base32)
  const delta = TOTP.validate({ ...PARAMS, token, secret, timestamp, window: WINDOW })
  return delta === null ? undefined : TOTP.counter({ period: PARAMS.period, timestamp }) + delta
}

async function throttled(db: DbOrTrx, staffId: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_MS).toISOString()
  let failures = 0
  for (const check of await recentTotpChecks(db, staffId)) {
    if (check.at < since || check.outcome === 'ok') break
    if (check.outcome === 'failed') failures++
  }
  return failures >= TOTP_MAX_FAILURES
}

/**
 * Checks a code against `base32` and, when it is valid and its step was never used, runs
 * `onSuccess` in the same transaction as the claim of the step (a replayed code fails).
 * Failures and throttled attempts are audited as `auth.totp` on their own.
 */
export async function checkTotpCode(
  deps: TotpDeps,
  actor: AuditActor,
  staffId: number,
  base32: string,
  code: string,
  purpose: TotpPurpose,
  onSuccess: (trx: DbOrTrx, at: string) => Promise<void>,
): Promise<TotpResult> {
  const now = deps.now()
  const fail = async (outcome: 'failed' | 'denied', reason: string) => {
    await recordAudit(
      deps.db,
      deps.auditKey,
      actor,
      {
        action: 'auth.totp',
        outcome,
        details: { staff: staffId, purpose, reason },
      },
      now,
    )
  }
  if (await throttled(deps.db, staffId, now)) {
    await fail('denied', 'throttled')
    return 'throttled'
  }
  const step = matchTotpStep(base32, code, now)
  const ok =
    step !== undefined &&
    (await deps.db.transaction().execute(async (trx) => {
      if (!(await claimTotpStep(trx, staffId, step))) return false
      await recordAudit(
        trx,
        deps.auditKey,
        actor,
        {
          action: 'auth.totp',
          details: { staff: staffId, purpose },
        },
        now,
      )
      await onSuccess(trx, now.toISOString())
      return true
    }))
  if (!ok) {
    await fail('failed', step === undefined ? 'code' : 'replay')
    return 'bad_code'
  }
  return 'ok'
}
