import { describe, expect, it } from 'vitest'
import { createTestApp } from '../testing/test-app.js'

// The server's commits do not fsync (server/db/durability.ts): every answer, error pages
// included, leaves only once services.durable() says the writes before it are on disk.

describe('answers wait for durability', () => {
  it('holds the answer until the sync is done', async () => {
    let release!: () => void
    let calls = 0
    const t = await createTestApp({
      durable: () => {
        calls++
        return new Promise<void>((r) => (release = r))
      },
    })
    const b = t.browser(await t.addDevice('reception'))
    let answered = false
    const pending = b.request('/login').then((r) => ((answered = true), r))
    await new Promise((r) => setTimeout(r, 100))
    expect(calls).toBe(1)
    expect(answered).toBe(false)
    release()
    expect((await pending).status).toBe(200)
  })

  it('turns a failed sync into an error page, and a full disk into 507', async () => {
    let error: Error & { code?: string } = Object.assign(new Error('EIO: i/o error'), {
      code: 'EIO',
    })
    const t = await createTestApp({ durable: () => Promise.reject(error) })
    const b = t.browser(await t.addDevice('reception'))
    const failed = await b.request('/login')
    expect(failed.status).toBe(500)
    expect(await failed.text()).not.toContain('EIO')
    error = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    expect((await b.request('/login')).status).toBe(507)
  })
})
