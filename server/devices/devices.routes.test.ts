import { readFileSync, statSync } from 'node:fs'
import { createSecureContext } from 'node:tls'
import { describe, expect, it } from 'vitest'
import type { Zone } from '../config.js'
import type { Role } from '../policy/permissions.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'
import { findBundle } from './bundles.js'

// The owner's terminal pages (issue 3 item 4): refusals first, then issue and rename.
// Revoke and reissue: device-lifecycle.routes.test.ts; enrollment: server/enrollment.

async function setup() {
  const t = await createTestApp({ withCa: true })
  const office = await t.addDevice('office', 'owner-office')
  await t.addStaff('boss', 'owner')
  const owner = t.browser(office)
  await owner.login('boss')
  return { ...t, office, owner }
}

async function auditOf(t: TestApp, prefix = 'device.') {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'details', 'staff_id', 'device_id'])
    .where('action', 'like', `${prefix}%`)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
}

/** Every route of the feature, with a body that would change something if it were let through. */
function everyRoute(id: number): [string, string, Record<string, string>?][] {
  const yes = { confirm: 'yes', confirm_self: 'yes' }
  return [
    ['GET', '/admin/devices'],
    ['POST', '/admin/devices/issue', { name: 'Чужой', zone: 'office' }],
    ['GET', `/admin/devices/${id}`],
    ['POST', `/admin/devices/${id}/rename`, { name: 'Взломан' }],
    ['GET', `/admin/devices/${id}/revoke`],
    ['POST', `/admin/devices/${id}/revoke`, yes],
    ['GET', `/admin/devices/${id}/reissue`],
    ['POST', `/admin/devices/${id}/reissue`, yes],
    ['POST', `/admin/devices/${id}/enroll`],
    ['POST', `/admin/devices/${id}/enroll/close`],
  ]
}

describe('refusals first', () => {
  it('403 on every /admin/devices route for staff and places without admin.devices; nothing changes', async () => {
    const t = await setup()
    const target = await t.addDevice('reception', 'Регистратура 1')
    const who: [Role, Zone][] = [
      ...(['receptionist', 'doctor', 'assistant'] as const).flatMap((role) =>
        (['reception', 'surgery', 'office'] as const).map((zone): [Role, Zone] => [role, zone]),
      ),
      ['owner', 'reception'],
      ['owner', 'surgery'],
    ]
    for (const role of ['receptionist', 'doctor', 'assistant'] as const)
      await t.addStaff(role, role)
    let requests = 0
    for (const [role, zone] of who) {
      const b = t.browser(await t.addDevice(zone))
      await b.login(role === 'owner' ? 'boss' : role)
      for (const [method, path, form] of everyRoute(target.id)) {
        const res = method === 'GET' ? await b.request(path) : await b.post(path, form)
        expect(res.status, `${role}@${zone} ${method} ${path}`).toBe(403)
        expect(await res.text()).not.toContain('Регистратура 1')
        requests++
      }
    }
    const device = await t.db
      .selectFrom('devices')
      .select(['name', 'revoked_at', 'replaced_by'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(device).toEqual({ name: 'Регистратура 1', revoked_at: null, replaced_by: null })
    expect(
      await t.db.selectFrom('devices').select('id').where('name', '=', 'Чужой').execute(),
    ).toEqual([])
    expect(await auditOf(t)).toEqual([])
    expect((await auditOf(t, 'access.denied')).length).toBe(requests)
  })

  it('404 for unknown and malformed ids, before any other check', async () => {
    const t = await setup()
    for (const id of ['999', '0', 'abc', '1e3', '-1']) {
      for (const [method, path, form] of everyRoute(0).slice(2)) {
        const p = path.replace('/0', `/${id}`)
        const res = method === 'GET' ? await t.owner.request(p) : await t.owner.post(p, form)
        expect(res.status, `${method} ${p}`).toBe(404)
      }
    }
    expect(await auditOf(t)).toEqual([])
  })

  it('issue: 422 with the input kept for a bad name or zone; nothing is issued', async () => {
    const t = await setup()
    const badName = await t.owner.post('/admin/devices/issue', { name: '  ', zone: 'surgery' })
    expect(badName.status).toBe(422)
    const html = await badName.text()
    expect(html).toContain('id="device-name-error"')
    expect(html).toMatch(/<option value="surgery" selected/)
    const badZone = await t.owner.post('/admin/devices/issue', { name: 'Кабинет 1', zone: 'roof' })
    expect(badZone.status).toBe(422)
    expect(await badZone.text()).toContain('value="Кабинет 1"')
    expect(await auditOf(t)).toEqual([])
    expect(await t.db.selectFrom('devices').select('id').execute()).toHaveLength(1)
  })
})

describe('the owner at the office terminal', () => {
  it('lists terminals with zone, dates, last seen and status, marking this one', async () => {
    const t = await setup()
    await t.addDevice('reception', 'Регистратура 1')
    const res = await t.owner.request('/admin/devices')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Терминалы</h1>')
    expect(html).toContain('owner-office</a><span class="muted"> (этот терминал)')
    expect(html).toContain('Регистратура 1')
    expect(html).toContain('не подключался')
    expect(html).toContain('Действует')
    expect(html).toContain('Выпустить сертификат')
  })

  it('issues a certificate: the passphrase shown once opens the bundle written 0600', async () => {
    const t = await setup()
    const res = await t.owner.post('/admin/devices/issue', {
      name: 'Регистратура 2',
      zone: 'reception',
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    const passphrase = html.match(/data-testid="passphrase">([A-Z0-9-]+)</)?.[1]
    expect(passphrase).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const device = await t.db
      .selectFrom('devices')
      .selectAll()
      .where('name', '=', 'Регистратура 2')
      .executeTakeFirstOrThrow()
    expect(device).toMatchObject({ zone: 'reception', issued_by: 1, revoked_at: null })
    const file = findBundle(t.dataDir, device.id)!
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(() => createSecureContext({ pfx: readFileSync(file), passphrase })).not.toThrow()
    // No listener in this app: the page says so instead of offering a window.
    expect(html).toContain('Служба подключения терминалов на этом сервере недоступна')
    const events = await auditOf(t)
    expect(events.map((e) => [e.action, e.details.device, e.staff_id])).toEqual([
      ['device.issue', device.id, 1],
    ])
    expect(JSON.stringify(events)).not.toContain(passphrase!)
  })

  it('renames: 422 with the input kept for a bad name, then an audited rename', async () => {
    const t = await setup()
    const d = await t.addDevice('surgery', 'Кабинет 1')
    const bad = await t.owner.post(`/admin/devices/${d.id}/rename`, { name: '<script>' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('value="&lt;script&gt;"')
    const ok = await t.owner.post(`/admin/devices/${d.id}/rename`, {
      name: 'Кабинет 2 - имплантация',
    })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/admin/devices/${d.id}`)
    const page = await (await t.owner.request(`/admin/devices/${d.id}`)).text()
    expect(page).toContain('Кабинет 2 - имплантация')
    expect((await auditOf(t)).map((e) => [e.action, e.details])).toEqual([
      ['device.rename', { device: d.id, from: 'Кабинет 1', to: 'Кабинет 2 - имплантация' }],
    ])
  })
})
