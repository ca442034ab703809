import { readFileSync } from 'node:fs'
import { recordAudit, type AuditInput } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import { bundleSlug, findBundle, removeBundle } from '../devices/bundles.js'
import { findDeviceById } from '../devices/devices.queries.js'
import { addFailedAttempt, findEnrollmentByTokenHash } from './enrollment.queries.js'
import {
  closeWindow,
  ENROLLMENT_ACTOR,
  MAX_PIN_ATTEMPTS,
  normalizeToken,
  pinMatches,
  tokenHash,
  type EnrollmentDeps,
} from './enrollment.service.js'
import type { Enrollment } from './enrollment.table.js'

export type DownloadResult =
  | { ok: true; deviceId: number; fileName: string; bundle: Buffer }
  /** No such window: 404. */
  | { ok: false; reason: 'unknown' }
  /** The window existed but is over (expired, used, closed, device revoked): 410. */
  | { ok: false; reason: 'closed' }
  /** attemptsLeft 0 means this attempt closed the window. */
  | { ok: false; reason: 'wrong_pin'; attemptsLeft: number }

type WindowState = 'open' | 'downloaded' | 'closed' | 'expired' | 'revoked'

async function stateOf(db: DbOrTrx, w: Enrollment, now: Date): Promise<WindowState> {
  if (w.downloaded_at) return 'downloaded'
  if (w.closed_at) return 'closed'
  if (w.expires_at <= now.toISOString()) return 'expired'
  const device = await findDeviceById(db, w.device_id)
  return !device || device.revoked_at ? 'revoked' : 'open'
}

/** What the terminal's GET sees: whether to show the PIN form. Changes nothing. */
export async function enrollmentState(
  deps: EnrollmentDeps,
  rawToken: string,
): Promise<'open' | 'closed' | 'unknown'> {
  const token = normalizeToken(rawToken)
  const w = token && (await findEnrollmentByTokenHash(deps.db, tokenHash(token)))
  if (!w) return 'unknown'
  return (await stateOf(deps.db, w, deps.now())) === 'open' ? 'open' : 'closed'
}

/**
 * One attempt at the download: the PIN is checked and the window claimed in one transaction
 * (SQLite has one connection, so two racing attempts cannot both pass or both count as the
 * last). On success the window closes and the bundle leaves the server's disk before the
 * bytes are sent; a lost response means a reissue. Every attempt is audited, never the PIN.
 */
export async function downloadBundle(
  deps: EnrollmentDeps,
  input: { token: string; pin: string; remote: string | undefined },
): Promise<DownloadResult> {
  const now = deps.now()
  const audit = (db: DbOrTrx, outcome: AuditInput['outcome'], details: AuditInput['details']) =>
    recordAudit(db, deps.auditKey, ENROLLMENT_ACTOR, {
      action: 'device.enroll',
      outcome,
      details: { ...details, remote: input.remote ?? null },
    })
  const token = normalizeToken(input.token)
  const result = await deps.db.transaction().execute(async (trx): Promise<DownloadResult> => {
    const w = token && (await findEnrollmentByTokenHash(trx, tokenHash(token)))
    if (!w) {
      await audit(trx, 'denied', { reason: 'unknown_window' })
      return { ok: false, reason: 'unknown' }
    }
    const base = { device: w.device_id, window: w.id }
    const state = await stateOf(trx, w, now)
    if (state !== 'open') {
      if (state === 'expired' || state === 'revoked') {
        await closeWindow(trx, deps.auditKey, ENROLLMENT_ACTOR, w, state, now)
      }
      await audit(trx, 'denied', { ...base, reason: state })
      return { ok: false, reason: 'closed' }
    }
    if (!pinMatches(deps.pinKey, w, input.pin.replace(/[\s-]/g, ''))) {
      const failed = await addFailedAttempt(trx, w.id)
      await audit(trx, 'failed', { ...base, reason: 'wrong_pin', attempt: failed })
      if (failed >= MAX_PIN_ATTEMPTS) {
        await closeWindow(trx, deps.auditKey, ENROLLMENT_ACTOR, w, 'too_many_attempts', now)
      }
      return {
        ok: false,
        reason: 'wrong_pin',
        attemptsLeft: Math.max(0, MAX_PIN_ATTEMPTS - failed),
      }
    }
    // A small local file: reading it inside the transaction keeps claim and content together.
    const file = findBundle(deps.dataDir, w.device_id)
    const device = (await findDeviceById(trx, w.device_id))!
    if (!file) {
      await audit(trx, 'failed', { ...base, reason: 'no_bundle' })
      await closeWindow(trx, deps.auditKey, ENROLLMENT_ACTOR, w, 'no_bundle', now)
      return { ok: false, reason: 'closed' }
    }
    const bundle = readFileSync(file)
    await audit(trx, 'ok', base)
    await closeWindow(trx, deps.auditKey, ENROLLMENT_ACTOR, w, 'downloaded', now)
    return {
      ok: true,
      deviceId: w.device_id,
      fileName: `enamel-${bundleSlug(device.name)}.p12`,
      bundle,
    }
  })
  if (result.ok) removeBundle(deps.dataDir, result.deviceId)
  return result
}
