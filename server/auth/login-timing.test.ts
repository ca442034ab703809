import { describe, expect, it, vi } from 'vitest'

// Checklist 5: an unknown login must cost what a wrong password costs. Timing it would make a
// test a slow machine could fail, so count the work instead: every attempt runs exactly one
// argon2 verification, whether the login exists or not.
const calls = vi.hoisted(() => ({ real: 0, dummy: 0 }))
vi.mock('./password.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./password.js')>()
  return {
    ...original,
    verifyPassword: async (hash: string, password: string) => {
      calls.real++
      return original.verifyPassword(hash, password)
    },
    dummyVerify: async (password: string) => {
      calls.dummy++
      return original.dummyVerify(password)
    },
  }
})

const { createTestApp, PASSWORD } = await import('../testing/test-app.js')

describe('unknown login and wrong password do the same work', () => {
  it('runs one argon2 verification per attempt on both paths', async () => {
    const t = await createTestApp()
    await t.addStaff('anna', 'receptionist')
    const b = t.browser(await t.addDevice('reception'))
    await b.post('/login', { login: 'ghost', password: PASSWORD })
    expect(calls).toEqual({ real: 0, dummy: 1 })
    await b.post('/login', { login: 'anna', password: 'wrong password 1' })
    expect(calls).toEqual({ real: 1, dummy: 1 })
    await b.post('/login', { login: 'anna', password: PASSWORD })
    expect(calls).toEqual({ real: 2, dummy: 1 })
  })
})
