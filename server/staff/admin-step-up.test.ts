import { describe, expect, it } from 'vitest'
import { REQUIRE_TOTP_FOR_ADMIN_KEY, setSetting } from '../policy/policy.js'
import { createTestApp } from '../testing/test-app.js'

describe('second factor before every /admin page', () => {
  it('leaves people without admin rights to the route guard (403), not to TOTP pages', async () => {
    const t = await createTestApp()
    await setSetting(t.db, REQUIRE_TOTP_FOR_ADMIN_KEY, '1')
    await t.addStaff('anna', 'receptionist')
    const b = t.browser(await t.addDevice('office'))
    await b.login('anna')
    for (const path of ['/admin/devices', '/admin/backups', '/admin/staff']) {
      expect((await b.request(path)).status, path).toBe(403)
    }
  })

  it('sends an owner with TOTP on to verify it, on every admin section', async () => {
    const t = await createTestApp()
    const owner = await t.addStaff('owner', 'owner')
    await t.db.updateTable('staff').set({ totp_enabled: 1 }).where('id', '=', owner).execute()
    const b = t.browser(await t.addDevice('office'))
    await b.login('owner')
    for (const path of ['/admin/devices', '/admin/backups', '/admin/staff']) {
      const res = await b.request(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location'), path).toBe(
        `/account/totp/verify?next=${encodeURIComponent(path)}`,
      )
    }
    // Not the rest of the app.
    expect((await b.request('/')).status).toBe(200)
  })

  it('sends an owner without TOTP to set it up when the clinic requires it', async () => {
    const t = await createTestApp()
    await t.addStaff('owner', 'owner')
    await setSetting(t.db, REQUIRE_TOTP_FOR_ADMIN_KEY, '1')
    const b = t.browser(await t.addDevice('office'))
    await b.login('owner')
    const res = await b.request('/admin/devices')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account/totp')
  })
})
