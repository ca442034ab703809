import { describe, expect, it } from 'vitest'
import { routeAccessTable, assertEveryRouteDeclaresAccess, allow } from './access.js'
import { createTestApp, fakePeer, ORIGIN } from '../testing/test-app.js'

describe('device certificate: refusals', () => {
  it('refuses a request without a verified peer certificate', async () => {
    const t = await createTestApp()
    const res = await t.app.request(`${ORIGIN}/login`)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Сертификат этого терминала')
  })

  it('refuses an unknown serial, a revoked device and a fingerprint mismatch', async () => {
    const t = await createTestApp()
    const device = await t.addDevice('office')
    const unknown = await t.app.request(`${ORIGIN}/login`, {}, {
      incoming: { socket: fakePeer('DEADBEEF') },
    } as never)
    expect(unknown.status).toBe(403)
    const mismatch = await t.app.request(`${ORIGIN}/login`, {}, {
      incoming: { socket: fakePeer(device.serial, 'AA:BB') },
    } as never)
    expect(mismatch.status).toBe(403)
    const unauthorized = await t.app.request(`${ORIGIN}/login`, {}, {
      incoming: { socket: { ...fakePeer(device.serial), authorized: false } },
    } as never)
    expect(unauthorized.status).toBe(403)
    await t.db.updateTable('devices').set({ revoked_at: t.clock.now().toISOString() }).execute()
    const revoked = await t.browser(device).request('/login')
    expect(revoked.status).toBe(403)
  })
})

describe('headers on every route', () => {
  it('sends CSP without unsafe-inline, HSTS, nosniff, no-referrer, frame-ancestors none, no-store', async () => {
    const t = await createTestApp()
    const device = await t.addDevice('office')
    await t.addStaff('owner', 'owner')
    const b = t.browser(device)
    const responses = [
      await b.request('/login'),
      await b.request('/nope'),
      await b.request('/healthz'),
    ]
    await b.login('owner')
    responses.push(await b.request('/'), await b.request('/password'), await b.post('/logout'))
    responses.push(await t.app.request(`${ORIGIN}/login`)) // refused device: still hardened
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toMatch(/unsafe-(inline|eval)/)
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=(\d{8,})/)
      expect(
        Number(res.headers.get('strict-transport-security')!.match(/max-age=(\d+)/)![1]),
      ).toBeGreaterThanOrEqual(31536000)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(res.headers.get('cache-control')).toBe('no-store')
    }
  })

  it('pages carry no inline script or style and no hx-on handlers', async () => {
    const t = await createTestApp()
    const device = await t.addDevice('office')
    await t.addStaff('owner', 'owner')
    const b = t.browser(device)
    const pages = [await (await b.request('/login')).text()]
    await b.login('owner')
    pages.push(await (await b.request('/')).text(), await (await b.request('/password')).text())
    for (const html of pages) {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(html).not.toMatch(/<style/)
      expect(html).not.toMatch(/\sstyle=/)
      expect(html).not.toMatch(/\shx-on/)
      expect(html).not.toMatch(/\son[a-z]+=/)
    }
  })

  it('serves static assets with a cache policy, and never a path outside static/', async () => {
    const t = await createTestApp()
    const b = t.browser(await t.addDevice('office'))
    const js = await b.request('/static/vendor/htmx.min.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect(js.headers.get('cache-control')).toContain('max-age')
    for (const p of ['/static/../package.json', '/static/%2e%2e/package.json', '/static/app.ts']) {
      expect((await b.request(p)).status).toBe(404)
    }
  })

  it('answers 404 for unknown routes without detail', async () => {
    const t = await createTestApp()
    const b = t.browser(await t.addDevice('office'))
    const res = await b.request('/admin/../../etc/passwd')
    expect(res.status).toBe(404)
  })
})

describe('every route declares its access', () => {
  it('refuses to build an app with an undeclared route', () => {
    const routes = [
      { method: 'GET', path: '/ok', handler: allow('staff') },
      { method: 'GET', path: '/ok', handler: () => {} },
      { method: 'POST', path: '/naked', handler: () => {} },
    ]
    expect(() => assertEveryRouteDeclaresAccess(routes)).toThrow(/POST \/naked/)
  })

  it('sends anonymous requests to staff routes to the login page, never a 200', async () => {
    const t = await createTestApp()
    const b = t.browser(await t.addDevice('reception'))
    for (const r of routeAccessTable(t.app.routes).filter((r) => r.access !== 'public')) {
      const path = r.path.replace('*', 'x')
      const res = r.method === 'GET' ? await b.request(path) : await b.post(path, {}, undefined)
      expect([303, 401]).toContain(res.status)
    }
  })
})
