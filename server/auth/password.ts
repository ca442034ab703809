import argon2 from 'argon2'
import { randomInt } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { createGate } from '../system/gate.js'
import { lowerPoolThreads } from '../system/thread-priority.js'

// OWASP's minimum for argon2id is m=19456 KiB, t=2, p=1; we sit above it.
export const ARGON2_PARAMS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 3,
  parallelism: 1,
} as const

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

// Each argon2 computation holds a core and 19 MiB for tens of milliseconds. Twenty people
// signing in at once must not take every core from the event loop serving the other
// terminals (bench: event-loop delay during 20 parallel logins), so all but one core at
// most; the rest wait their turn, which costs them only time they would have shared anyway.
// They also run below the event loop's priority (lowerPoolThreads before each one finds the
// pool's threads as libuv starts them), so a sign-in waits for the CPU, not the terminals.
export const ARGON2_SLOTS = Math.max(1, availableParallelism() - 1)
const gate = createGate(ARGON2_SLOTS)
const argon2Gate = {
  run<T>(task: () => Promise<T>): Promise<T> {
    return gate.run(async () => {
      await lowerPoolThreads()
      return task()
    })
  },
  load: gate.load,
}

/** Hashes with argon2id; salt and parameters are recorded in the PHC string. */
export function hashPassword(password: string): Promise<string> {
  return argon2Gate.run(() => argon2.hash(password, ARGON2_PARAMS))
}

/** Verifies; a malformed hash counts as a mismatch rather than an error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Gate.run(() => argon2.verify(hash, password))
  } catch {
    return false
  }
}

/** argon2 computations running and waiting now. */
export const argon2Load = () => argon2Gate.load()

/** True when the hash was made with other parameters than today's (rehash at the next login). */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_PARAMS)
}

// A hash of a random string, verified against when the login is unknown so that an unknown
// login costs the same time as a wrong password (checklist 5).
let dummyHash: Promise<string> | undefined
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('enamel-dummy-' + Math.random().toString(36))
  return dummyHash.then((h) => verifyPassword(h, password))
}

// The zxcvbn-ts common-password list (MIT, ~49,000 entries from real leaks), shipped as a dependency.
const require = createRequire(import.meta.url)
let common: Set<string> | undefined
function commonPasswords(): Set<string> {
  common ??= new Set(require('@zxcvbn-ts/language-common/src/passwords.json') as string[])
  return common
}

// Russian users type English words on a Cyrillic layout ("йцукен" is "qwerty").
const RU_LAYOUT = 'йцукенгшщзхъфывапролджэячсмитьбю'
const EN_LAYOUT = "qwertyuiop[]asdfghjkl;'zxcvbnm,."
function fromCyrillicLayout(s: string): string {
  return [...s].map((ch) => EN_LAYOUT[RU_LAYOUT.indexOf(ch)] ?? ch).join('')
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_login'

/** Checks a new password against the policy; returns the first problem or undefined. */
export function checkPasswordPolicy(password: string, login?: string): PasswordProblem | undefined {
  const chars = [...password].length
  if (chars < MIN_PASSWORD_LENGTH) return 'too_short'
  if (chars > MAX_PASSWORD_LENGTH) return 'too_long'
  const lower = password.toLowerCase()
  if (login && login.length >= 3 && lower.includes(login.toLowerCase())) return 'contains_login'
  const list = commonPasswords()
  const variants = new Set([lower, fromCyrillicLayout(lower)])
  for (const v of [...variants]) {
    // "password2024!" and "qwerty123456" are the list's words with a tail of digits or symbols.
    variants.add(v.replace(/[\d\W_]+$/u, ''))
    variants.add(v.replace(/^[\d\W_]+/u, ''))
  }
  for (const v of variants) {
    if (v.length >= 4 && list.has(v)) return 'common'
  }
  if (/^(.)\1+$/u.test(password) || /^(..?.?)\1+$/u.test(password)) return 'common'
  if (/^\d+$/.test(password)) return 'common'
  return undefined
}

/** A one-time password for a new or reset account: 16 characters, easy to read aloud. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679'
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)])
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}
