import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import { sha256Hex } from '../crypto/master-key.js'
import type { Db, DbOrTrx } from '../database.js'
import { findBundle } from '../devices/bundles.js'
import { findDeviceById } from '../devices/devices.queries.js'
import { closeEnrollment, insertEnrollment, listUnclosedEnrollments } from './enrollment.queries.js'

/** An enrollment window never stays open longer than this (issue 3, item 4). */
export const ENROLLMENT_WINDOW_MS = 10 * 60_000
/** Wrong PINs a window takes; the last one closes it. */
export const MAX_PIN_ATTEMPTS = 5
export const PIN_DIGITS = 8

// The address and the PIN play different parts.
// - The token in the address (/enroll/K7PQM2XD9H) only says WHICH window: it is read off the
//   owner's screen, typed into the terminal's address bar and stays in its history, so it is
//   not treated as a secret. It is still random (~50 bits), so nobody can aim at a window
//   without having seen the screen, and every attempt counts against one window.
// - The PIN is the secret: 8 random digits, sent only in a POST body over TLS, never put in
//   a URL, a log or the audit trail, stored only as an HMAC under a key that lives outside
//   the database, and good for MAX_PIN_ATTEMPTS tries, after which the window closes:
//   a blind guess wins with probability 5 / 10^8 per window, for at most 10 minutes.
// The bundle is still sealed by its own passphrase, shown once when it was issued.
const TOKEN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789' // no 0/O, 1/I/L: typed by hand
const TOKEN_LENGTH = 10

/** Who acts on the enrollment listener: someone at a terminal without a certificate. */
export const ENROLLMENT_ACTOR: AuditActor = { staffId: null, deviceId: null, zone: 'enrollment' }

export type CloseReason =
  'owner' | 'expired' | 'downloaded' | 'too_many_attempts' | 'replaced' | 'revoked' | 'no_bundle'

export interface EnrollmentDeps {
  db: Db
  auditKey: Buffer
  /** Key of the PIN HMAC (AppKeys.secrets): never stored in the database. */
  pinKey: Buffer
  dataDir: string
  now: () => Date
}

/** A key of its own for PIN HMACs, derived from AppKeys.secrets (which is an AES-GCM key). */
export function pinKeyFrom(secrets: Buffer): Buffer {
  return createHmac('sha256', secrets).update('enamel enrollment pin v1').digest()
}

export function generateToken(): string {
  return Array.from({ length: TOKEN_LENGTH }, () => TOKEN_ALPHABET[randomInt(31)]).join('')
}

export function generatePin(): string {
  return String(randomInt(10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0')
}

/** The token as typed (any case, stray dashes or spaces), or undefined when it cannot be one. */
export function normalizeToken(raw: string): string | undefined {
  const t = raw.toUpperCase().replace(/[\s-]/g, '')
  return t.length === TOKEN_LENGTH && [...t].every((ch) => TOKEN_ALPHABET.includes(ch))
    ? t
    : undefined
}

export function tokenHash(token: string): string {
  return sha256Hex(`enamel enrollment token\n${token}`)
}

/** Bound to the window's token, so one PIN hash is no use against another window. */
export function pinHash(key: Buffer, tokenHashHex: string, pin: string): string {
  return createHmac('sha256', key).update(`${tokenHashHex}\n${pin}`).digest('hex')
}

export function pinMatches(
  key: Buffer,
  window: { token_hash: string; pin_hash: string },
  pin: string,
) {
  const a = Buffer.from(pinHash(key, window.token_hash, pin), 'hex')
  const b = Buffer.from(window.pin_hash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

export type OpenResult =
  | { ok: true; id: number; token: string; pin: string; expiresAt: Date }
  | { ok: false; reason: 'not_found' | 'revoked' | 'no_bundle' }

/**
 * Opens a window for one device: any earlier window of it closes, a new token and PIN are
 * made and only their hashes stored. The caller shows token and PIN once and starts the
 * listener.
 */
export async function openEnrollment(
  deps: EnrollmentDeps,
  actor: AuditActor,
  deviceId: number,
): Promise<OpenResult> {
  const device = await findDeviceById(deps.db, deviceId)
  if (!device) return { ok: false, reason: 'not_found' }
  if (device.revoked_at) return { ok: false, reason: 'revoked' }
  if (!findBundle(deps.dataDir, deviceId)) return { ok: false, reason: 'no_bundle' }
  const token = generateToken()
  const pin = generatePin()
  const now = deps.now()
  const expiresAt = new Date(now.getTime() + ENROLLMENT_WINDOW_MS)
  const hash = tokenHash(token)
  const id = await deps.db.transaction().execute(async (trx) => {
    await closeEnrollmentsOfDevice(trx, deps.auditKey, actor, deviceId, 'replaced', now)
    const id = await insertEnrollment(trx, {
      device_id: deviceId,
      token_hash: hash,
      pin_hash: pinHash(deps.pinKey, hash, pin),
      opened_by: actor.staffId,
      opened_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    await recordAudit(trx, deps.auditKey, actor, {
      action: 'device.enroll_open',
      details: {
        device: deviceId,
        name: device.name,
        window: id,
        expires_at: expiresAt.toISOString(),
      },
    })
    return id
  })
  return { ok: true, id, token, pin, expiresAt }
}

/** Closes a window and records why; a window already closed is left alone. */
export async function closeWindow(
  trx: DbOrTrx,
  auditKey: Buffer,
  actor: AuditActor,
  window: { id: number; device_id: number },
  reason: CloseReason,
  at: Date,
): Promise<boolean> {
  const closed = await closeEnrollment(trx, window.id, at.toISOString(), reason === 'downloaded')
  if (closed) {
    await recordAudit(trx, auditKey, actor, {
      action: 'device.enroll_close',
      details: { device: window.device_id, window: window.id, reason },
    })
  }
  return closed
}

/** Closes every unclosed window of a device (revoke, reissue, a new window, the owner). */
export async function closeEnrollmentsOfDevice(
  trx: DbOrTrx,
  auditKey: Buffer,
  actor: AuditActor,
  deviceId: number,
  reason: CloseReason,
  at: Date,
): Promise<number> {
  let n = 0
  for (const w of await listUnclosedEnrollments(trx, { deviceId })) {
    if (await closeWindow(trx, auditKey, actor, w, reason, at)) n++
  }
  return n
}

/** Records the close of windows whose time ran out, so each window has an open and a close. */
export async function closeExpiredEnrollments(deps: EnrollmentDeps): Promise<number> {
  const now = deps.now()
  const expired = await listUnclosedEnrollments(deps.db, { expiredAt: now.toISOString() })
  if (expired.length === 0) return 0
  return deps.db.transaction().execute(async (trx) => {
    let n = 0
    for (const w of expired) {
      if (await closeWindow(trx, deps.auditKey, ENROLLMENT_ACTOR, w, 'expired', now)) n++
    }
    return n
  })
}
