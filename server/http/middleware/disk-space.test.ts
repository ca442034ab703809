import { Hono } from 'hono'
import { describe, expect, it, vi } from 'vitest'

// The guard asks the file system before every change, except that it reuses an answer for up
// to a second while far more than the reserve is free; near the reserve it always asks again.
const fsState = vi.hoisted(() => ({ freeBytes: 0, calls: 0 }))
vi.mock('node:fs/promises', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:fs/promises')>()),
  statfs: async () => {
    fsState.calls++
    return { bavail: fsState.freeBytes / 4096, bsize: 4096 }
  },
}))
const { diskSpaceGuard } = await import('./disk-space.js')

const MiB = 1024 ** 2
function app() {
  const a = new Hono()
  a.use(async (c, next) => {
    c.set(
      'services' as never,
      {
        config: { minFreeBytes: 64 * MiB, dataDir: '/data' },
        log: { warn: () => undefined },
      } as never,
    )
    await next()
  })
  a.use(diskSpaceGuard() as never)
  a.post('/x', (c) => c.text('ok'))
  a.onError((err, c) =>
    c.text(err.message, (err as { status?: number }).status === 507 ? 507 : 500),
  )
  return a
}

describe('diskSpaceGuard', () => {
  it('reuses a plentiful answer briefly, and asks every time near the reserve', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const a = app()
    fsState.freeBytes = 50 * 1024 * MiB
    expect((await a.request('/x', { method: 'POST' })).status).toBe(200)
    expect((await a.request('/x', { method: 'POST' })).status).toBe(200)
    expect(fsState.calls).toBe(1)

    vi.setSystemTime(Date.now() + 1500)
    fsState.freeBytes = 200 * MiB
    expect((await a.request('/x', { method: 'POST' })).status).toBe(200)
    expect(fsState.calls).toBe(2)
    // 200 MiB is above the reserve but within the headroom: no reuse.
    fsState.freeBytes = 10 * MiB
    expect((await a.request('/x', { method: 'POST' })).status).toBe(507)
    expect(fsState.calls).toBe(3)
    vi.useRealTimers()
  })
})
