import { describe, expect, it } from 'vitest'
import { issueDevice } from '../devices/devices.service.js'
import type { EnrollmentControl } from '../http/app-env.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'
import { listUnclosedEnrollments } from './enrollment.queries.js'
import { ENROLLMENT_WINDOW_MS, tokenHash } from './enrollment.service.js'

// The owner's side of enrollment with a stand-in listener; the real one over TLS is
// enrollment.listener.test.ts, the whole flow in a browser tests/enrollment-browser.test.ts.

function fakeListener(opts: { fail?: boolean } = {}) {
  const calls: string[] = []
  const control: EnrollmentControl = {
    ensureRunning: async () => {
      calls.push('ensureRunning')
      if (opts.fail) throw new Error('listen EADDRINUSE')
      return { url: 'https://enamel.test:8444', fingerprint256: 'AB:CD:EF' }
    },
    sync: async () => void calls.push('sync'),
  }
  return { control, calls }
}

async function setup(listener?: EnrollmentControl) {
  const t = await createTestApp({ withCa: true })
  t.services.enrollment = listener
  const office = await t.addDevice('office', 'owner-office')
  await t.addStaff('boss', 'owner')
  const owner = t.browser(office)
  await owner.login('boss')
  const pki = t.services.pki!
  const deps = { db: t.db, auditKey: t.services.keys.audit, ca: pki.ca, pki: pki.paths }
  const actor = { staffId: 1, deviceId: office.id, zone: 'office' }
  const device = await issueDevice({ ...deps, dataDir: t.dataDir, now: t.clock.now }, actor, {
    name: 'Регистратура 1',
    zone: 'reception',
    issuedBy: 1,
  })
  return { ...t, owner, device }
}

async function events(t: TestApp) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('action', 'like', 'device.enroll%')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.action, JSON.parse(r.details) as Record<string, unknown>] as const)
}

describe('refusals first', () => {
  it('without a listener the page says so (409) and no window opens', async () => {
    const t = await setup()
    const page = await (await t.owner.request(`/admin/devices/${t.device.id}`)).text()
    expect(page).toContain('Служба подключения терминалов на этом сервере недоступна')
    const res = await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Служба подключения терминалов на этом сервере недоступна')
    expect(await listUnclosedEnrollments(t.db)).toEqual([])
    expect(await events(t)).toEqual([])
  })

  it('refuses a device whose bundle is gone or whose certificate is revoked (409)', async () => {
    const { control } = fakeListener()
    const t = await setup(control)
    const carried = await t.addDevice('surgery', 'Кабинет 1') // no bundle on the server
    const res = await t.owner.post(`/admin/devices/${carried.id}/enroll`)
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Файла сертификата на сервере нет')
    await t.owner.post(`/admin/devices/${t.device.id}/revoke`, { confirm: 'yes' })
    expect((await t.owner.post(`/admin/devices/${t.device.id}/enroll`)).status).toBe(409)
    expect(await events(t)).toEqual([])
  })

  it('closes the window again when the listener cannot start', async () => {
    const { control } = fakeListener({ fail: true })
    const t = await setup(control)
    const res = await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Не удалось открыть окно подключения')
    expect(await listUnclosedEnrollments(t.db)).toEqual([])
    expect((await events(t)).map(([a, d]) => [a, d.reason ?? null])).toEqual([
      ['device.enroll_open', null],
      ['device.enroll_close', 'owner'],
    ])
  })
})

describe('opening and closing a window', () => {
  it('shows the address and PIN once and stores only their hashes', async () => {
    const { control, calls } = fakeListener()
    const t = await setup(control)
    const res = await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    const url = html.match(/data-testid="enroll-url">([^<]+)</)![1]!
    const pin = html.match(/data-testid="enroll-pin">(\d+)</)![1]!
    expect(url).toMatch(/^https:\/\/enamel\.test:8444\/enroll\/[A-Z2-9]{10}$/)
    expect(pin).toMatch(/^\d{8}$/)
    expect(html).toContain('AB:CD:EF')
    expect(calls).toEqual(['ensureRunning'])
    const [w] = await listUnclosedEnrollments(t.db)
    expect(w).toMatchObject({
      device_id: t.device.id,
      token_hash: tokenHash(url.split('/').pop()!),
      opened_by: 1,
      failed_attempts: 0,
      expires_at: new Date(t.clock.now().getTime() + ENROLLMENT_WINDOW_MS).toISOString(),
    })
    expect(w!.pin_hash).not.toContain(pin)
    const audit = JSON.stringify(await t.db.selectFrom('audit_events').selectAll().execute())
    expect(audit).not.toContain(pin)
    expect(audit).not.toContain(url.split('/').pop())
    const page = await (await t.owner.request(`/admin/devices/${t.device.id}`)).text()
    expect(page).toContain('Окно подключения открыто до')
    expect(page).not.toContain(pin)
  })

  it('a new window replaces the open one; the owner closes it; revoke closes it too', async () => {
    const { control, calls } = fakeListener()
    const t = await setup(control)
    await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    expect(await listUnclosedEnrollments(t.db)).toHaveLength(1)
    const closed = await t.owner.post(`/admin/devices/${t.device.id}/enroll/close`)
    expect(closed.status).toBe(303)
    expect(await listUnclosedEnrollments(t.db)).toEqual([])
    expect(calls).toContain('sync')
    await t.owner.post(`/admin/devices/${t.device.id}/enroll`)
    await t.owner.post(`/admin/devices/${t.device.id}/revoke`, { confirm: 'yes' })
    expect(await listUnclosedEnrollments(t.db)).toEqual([])
    expect((await events(t)).map(([a, d]) => [a, d.window, d.reason ?? null])).toEqual([
      ['device.enroll_open', 1, null],
      ['device.enroll_close', 1, 'replaced'],
      ['device.enroll_open', 2, null],
      ['device.enroll_close', 2, 'owner'],
      ['device.enroll_open', 3, null],
      ['device.enroll_close', 3, 'revoked'],
    ])
  })
})
