import { createHash, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Thrown when a secret file is missing, malformed or readable by others. */
export class KeyFileError extends Error {
  override name = 'KeyFileError'
}

/**
 * Refuses a secret file that group or others can read or write (checklist 36):
 * a loose mode means someone else on the box may already hold the key.
 * @throws KeyFileError naming the file and its mode.
 */
export function assertPrivateMode(file: string): void {
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(
      `${file} has mode ${mode.toString(8).padStart(4, '0')}; secrets must be 0600 or 0400 (chmod 600 ${file})`,
    )
  }
}

/**
 * Creates a new random 256-bit master key at `file` (mode 0600, parent 0700).
 * @throws KeyFileError when the file already exists: a master key is never replaced.
 */
export function createMasterKey(file: string): Buffer {
  if (existsSync(file))
    throw new KeyFileError(`${file} already exists; refusing to replace a master key`)
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const key = randomBytes(32)
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  return key
}

/**
 * Loads the master key (base64 of 32 bytes), refusing loose file modes.
 * @throws KeyFileError when missing, malformed or not private.
 */
export function loadMasterKey(file: string): Buffer {
  if (!existsSync(file)) throw new KeyFileError(`master key ${file} does not exist`)
  assertPrivateMode(file)
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new KeyFileError(`master key ${file} is not 32 bytes of base64`)
  return key
}

export type KeyPurpose = 'audit-chain' | 'ca-key' | 'files' | 'secrets'

/** Derives an independent 32-byte key per purpose (HKDF-SHA-256), so one key never serves two roles. */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `enamel ${purpose} v1`, 32))
}

/** A passphrase string derived from the master key (used to encrypt the CA key at rest). */
export function derivePassphrase(master: Buffer, purpose: KeyPurpose): string {
  return deriveKey(master, purpose).toString('base64url')
}

/** URL-safe random token with `bytes` of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
