import { describe, expect, it } from 'vitest'
import { ARGON2_SLOTS, argon2Load, dummyVerify, hashPassword, verifyPassword } from './password.js'

const PASSWORD = 'Кариес-не-пройдёт-2026'

// Twenty sign-ins at once must leave the event loop a core: argon2 runs through a gate.
describe('argon2 behind its gate', () => {
  it('runs at most ARGON2_SLOTS computations at once and still answers every one', async () => {
    const hash = await hashPassword(PASSWORD)
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
    // More attempts than slots, whatever the machine's core count.
    const n = ARGON2_SLOTS + 2
    const attempts = [
      ...Array.from({ length: n }, (_, i) => verifyPassword(hash, i % 2 ? 'wrong' : PASSWORD)),
      verifyPassword('not a hash', PASSWORD),
      dummyVerify(PASSWORD),
    ]
    const load = argon2Load()
    expect(load.running).toBeLessThanOrEqual(ARGON2_SLOTS)
    expect(load.running + load.waiting).toBeGreaterThan(ARGON2_SLOTS)
    expect(await Promise.all(attempts)).toEqual([
      ...Array.from({ length: n }, (_, i) => i % 2 === 0),
      false,
      false,
    ])
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
  })
})
