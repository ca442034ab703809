import { existsSync, readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'
import { describe, expect, it } from 'vitest'
import type { Zone } from '../config.js'
import { readCrl } from '../pki/index.js'
import { createTestApp, fakePeer, type TestApp } from '../testing/test-app.js'
import { findBundle } from './bundles.js'
import { issueDevice } from './devices.service.js'

// Revoke and reissue from the owner's page: a confirmation step, an extra tick for the
// terminal in use, live cut-off of the revoked certificate, audit.

async function setup() {
  const t = await createTestApp({ withCa: true })
  const revoked: string[] = []
  t.services.onDeviceRevoked = (serial) => void revoked.push(serial)
  const office = await t.addDevice('office', 'owner-office')
  await t.addStaff('boss', 'owner')
  const owner = t.browser(office)
  await owner.login('boss')
  return { ...t, office, owner, revoked }
}

/** A terminal with a real certificate and its bundle waiting on the server. */
async function issued(t: TestApp, name: string, zone: Zone = 'reception') {
  const pki = t.services.pki!
  const deps = { db: t.db, auditKey: t.services.keys.audit, ca: pki.ca, pki: pki.paths }
  const d = await issueDevice(
    { ...deps, dataDir: t.dataDir, now: t.clock.now },
    {
      staffId: null,
      deviceId: null,
      zone: 'cli',
    },
    { name, zone, issuedBy: null },
  )
  const row = await t.db
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', d.id)
    .executeTakeFirstOrThrow()
  const socket = fakePeer(row.serial, row.fingerprint256)
  return { ...d, row, terminal: t.browser({ id: d.id, serial: row.serial, zone, socket }) }
}

async function row(t: TestApp, id: number) {
  return t.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function actions(t: TestApp) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('action', 'like', 'device.%')
    .where('action', '!=', 'device.issue')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.action, JSON.parse(r.details) as Record<string, unknown>] as const)
}

const crlSerials = (t: TestApp) => readCrl(readFileSync(t.services.pki!.paths.crl, 'utf8')).serials

describe('revoke', () => {
  it('needs the confirmation step: without it, 422 and nothing changes', async () => {
    const t = await setup()
    const d = await issued(t, 'Регистратура 1')
    const page = await t.owner.request(`/admin/devices/${d.id}/revoke`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('name="confirm" value="yes"')
    expect(html).not.toContain('confirm_self')
    const res = await t.owner.post(`/admin/devices/${d.id}/revoke`, {})
    expect(res.status).toBe(422)
    expect((await row(t, d.id)).revoked_at).toBeNull()
    expect(t.revoked).toEqual([])
    expect(await actions(t)).toEqual([])
  })

  it('revokes another terminal at once: CRL, live sockets, bundle, audit; a second time 409', async () => {
    const t = await setup()
    const d = await issued(t, 'Регистратура 1')
    expect((await d.terminal.request('/login')).status).toBe(200)
    const res = await t.owner.post(`/admin/devices/${d.id}/revoke`, { confirm: 'yes' })
    expect(res.status).toBe(303)
    expect((await row(t, d.id)).revoked_at).toBe(t.clock.now().toISOString())
    expect(t.revoked).toEqual([d.serial])
    expect(crlSerials(t)).toContain(d.serial)
    expect(existsSync(d.p12)).toBe(false)
    expect((await d.terminal.request('/login')).status).toBe(403)
    expect(await actions(t)).toEqual([
      [
        'device.revoke',
        { device: d.id, name: 'Регистратура 1', zone: 'reception', serial: d.serial },
      ],
    ])
    expect((await t.owner.post(`/admin/devices/${d.id}/revoke`, { confirm: 'yes' })).status).toBe(
      409,
    )
    expect((await t.owner.request(`/admin/devices/${d.id}/revoke`)).status).toBe(409)
    expect(await actions(t)).toHaveLength(1)
  })

  it("the owner's own terminal needs an explicit tick, then is revoked", async () => {
    const t = await setup()
    const page = await (await t.owner.request(`/admin/devices/${t.office.id}/revoke`)).text()
    expect(page).toContain('name="confirm_self" value="yes"')
    const once = await t.owner.post(`/admin/devices/${t.office.id}/revoke`, { confirm: 'yes' })
    expect(once.status).toBe(422)
    expect(await once.text()).toContain('этот терминал сразу отключится')
    expect((await row(t, t.office.id)).revoked_at).toBeNull()
    const res = await t.owner.post(`/admin/devices/${t.office.id}/revoke`, {
      confirm: 'yes',
      confirm_self: 'yes',
    })
    expect(res.status).toBe(303)
    expect((await row(t, t.office.id)).revoked_at).not.toBeNull()
    // Left to the revocation watcher (within a second), so this answer still gets out.
    expect(t.revoked).toEqual([])
    expect((await t.owner.request('/admin/devices')).status).toBe(403)
  })
})

describe('reissue', () => {
  it('issues a new certificate for the same name and zone and revokes the old one', async () => {
    const t = await setup()
    const old = await issued(t, 'Кабинет 3', 'surgery')
    expect((await t.owner.post(`/admin/devices/${old.id}/reissue`, {})).status).toBe(422)
    const res = await t.owner.post(`/admin/devices/${old.id}/reissue`, { confirm: 'yes' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Сертификат перевыпущен')
    const passphrase = html.match(/data-testid="passphrase">([A-Z0-9-]+)</)![1]!
    const before = await row(t, old.id)
    expect(before.revoked_at).not.toBeNull()
    const fresh = await row(t, before.replaced_by!)
    expect(fresh).toMatchObject({
      name: 'Кабинет 3',
      zone: 'surgery',
      revoked_at: null,
      issued_by: 1,
    })
    expect(fresh.serial).not.toBe(old.serial)
    expect(() =>
      createSecureContext({ pfx: readFileSync(findBundle(t.dataDir, fresh.id)!), passphrase }),
    ).not.toThrow()
    expect(existsSync(old.p12)).toBe(false)
    expect(crlSerials(t)).toContain(old.serial)
    expect(t.revoked).toEqual([old.serial])
    expect((await old.terminal.request('/login')).status).toBe(403)
    expect(await actions(t)).toEqual([
      [
        'device.reissue',
        {
          device: old.id,
          replacement: fresh.id,
          name: 'Кабинет 3',
          zone: 'surgery',
          old_serial: old.serial,
          serial: fresh.serial,
        },
      ],
    ])
    const oldPage = await (await t.owner.request(`/admin/devices/${old.id}`)).text()
    expect(oldPage).toContain(`href="/admin/devices/${fresh.id}"`)
    expect(
      (await t.owner.post(`/admin/devices/${old.id}/reissue`, { confirm: 'yes' })).status,
    ).toBe(409)
  })

  it("the owner's own terminal needs the explicit tick here too", async () => {
    const t = await setup()
    const res = await t.owner.post(`/admin/devices/${t.office.id}/reissue`, { confirm: 'yes' })
    expect(res.status).toBe(422)
    expect((await row(t, t.office.id)).replaced_by).toBeNull()
  })
})
