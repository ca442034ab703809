import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../policy/permissions.js'
import { loadEffectivePermissions, medicalVisibility } from '../policy/policy.js'
import { createTestApp } from '../testing/test-app.js'
import { setStaffActive, StaffRuleError } from './staff-admin.service.js'
import { findStaffById } from './staff.queries.js'

async function setup() {
  const t = await createTestApp()
  const office = await t.addDevice('office')
  const ownerId = await t.addStaff('owner', 'owner')
  const doctorId = await t.addStaff('doc', 'doctor')
  const assistantId = await t.addStaff('assist', 'assistant')
  const owner = t.browser(office)
  await owner.login('owner')
  return { ...t, office, owner, ownerId, doctorId, assistantId }
}
type T = Awaited<ReturnType<typeof setup>>

/** A full override form: every permission as the role has it, with some changed. */
function overrides(changes: Record<string, 'grant' | 'deny'> = {}) {
  return Object.fromEntries(PERMISSIONS.map((p) => [`perm.${p}`, changes[p] ?? 'role']))
}

const count = (html: string, cls: string) => html.split(`<td class="${cls}"`).length - 1

const auditOf = (t: T, action: string) =>
  t.db
    .selectFrom('audit_events')
    .select(['staff_id', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()

describe('per-employee overrides', () => {
  it('grant and deny change effective permissions, the matrix, and the audit (old → new)', async () => {
    const t = await setup()
    const doctor = { id: t.doctorId, role: 'doctor' as const }
    expect((await loadEffectivePermissions(t.db, doctor, 'reception')).has('billing.write')).toBe(
      false,
    )

    const grant = await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      overrides({ 'billing.write': 'grant' }),
    )
    expect(grant.status).toBe(303)
    expect((await loadEffectivePermissions(t.db, doctor, 'reception')).has('billing.write')).toBe(
      true,
    )
    let matrix = await (await t.owner.request('/admin/staff/matrix')).text()
    // billing.write is allowed in every zone, so the doctor's grant shows in all three columns.
    expect(count(matrix, 'access-granted')).toBe(3)
    expect(matrix).toContain('разрешено лично')

    const deny = await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      overrides({ 'billing.write': 'grant', 'medical.sign': 'deny' }),
    )
    expect(deny.status).toBe(303)
    expect((await loadEffectivePermissions(t.db, doctor, 'surgery')).has('medical.sign')).toBe(
      false,
    )
    matrix = await (await t.owner.request('/admin/staff/matrix')).text()
    // medical.sign was the doctor's in surgery and office; the reception ceiling never allowed it.
    expect(count(matrix, 'access-denied')).toBe(2)

    const back = await t.owner.post(`/admin/staff/${t.doctorId}/permissions`, overrides())
    expect(back.status).toBe(303)
    matrix = await (await t.owner.request('/admin/staff/matrix')).text()
    expect(count(matrix, 'access-granted') + count(matrix, 'access-denied')).toBe(0)

    const events = (await auditOf(t, 'staff.permissions_change')).map((e) => JSON.parse(e.details))
    expect(events).toEqual([
      { staff: t.doctorId, old: '', new: '+billing.write' },
      { staff: t.doctorId, old: '+billing.write', new: '+billing.write -medical.sign' },
      { staff: t.doctorId, old: '+billing.write -medical.sign', new: '' },
    ])
    const history = await (await t.owner.request('/admin/staff/history')).text()
    expect(history).toContain('<code>+billing.write -medical.sign</code>')
    expect(history).toContain('Test doc')
    expect(history).toContain('Test owner')
  })

  it('an override opens or closes real routes: admin.staff granted to a doctor in the office', async () => {
    const t = await setup()
    const doc = t.browser(t.office)
    await doc.login('doc')
    expect((await doc.request('/admin/staff')).status).toBe(403)
    await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      overrides({ 'admin.staff': 'grant' }),
    )
    expect((await doc.request('/admin/staff')).status).toBe(200)
    await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      overrides({ 'admin.staff': 'deny' }),
    )
    expect((await doc.request('/admin/staff')).status).toBe(403)
  })

  it('refuses an incomplete or forged form with 422 and keeps the overrides; the id in the URL wins', async () => {
    const t = await setup()
    await t.owner.post(
      `/admin/staff/${t.assistantId}/permissions`,
      overrides({ 'billing.read': 'grant' }),
    )
    const partial = await t.owner.post(`/admin/staff/${t.assistantId}/permissions`, {
      'perm.billing.read': 'role',
    })
    expect(partial.status).toBe(422)
    const forged = await t.owner.post(`/admin/staff/${t.assistantId}/permissions`, {
      ...overrides(),
      'perm.medical.read': 'owner',
    })
    expect(forged.status).toBe(422)
    const rows = () =>
      t.db.selectFrom('staff_permissions').select(['staff_id', 'permission', 'effect']).execute()
    expect(await rows()).toEqual([
      { staff_id: t.assistantId, permission: 'billing.read', effect: 'grant' },
    ])
    const tampered = await t.owner.post(`/admin/staff/${t.doctorId}/permissions`, {
      ...overrides({ 'patients.export': 'grant' }),
      staff_id: String(t.assistantId),
    })
    expect(tampered.status).toBe(303)
    expect(await rows()).toEqual([
      { staff_id: t.assistantId, permission: 'billing.read', effect: 'grant' },
      { staff_id: t.doctorId, permission: 'patients.export', effect: 'grant' },
    ])
  })

  it('swaps the section in place for htmx, with 422 keeping the choices', async () => {
    const t = await setup()
    const ok = await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      overrides({ 'billing.write': 'grant' }),
      { 'hx-request': 'true' },
    )
    expect(ok.status).toBe(200)
    const html = await ok.text()
    expect(html.startsWith('<section class="card staff-card" id="staff-access"')).toBe(true)
    expect(html).toContain('Права сохранены.')
    const bad = await t.owner.post(
      `/admin/staff/${t.doctorId}/permissions`,
      { 'perm.billing.write': 'deny' },
      { 'hx-request': 'true' },
    )
    expect(bad.status).toBe(422)
    expect(await bad.text()).toMatch(
      /name="perm\.billing\.write">[^]*?<option value="deny" selected/,
    )
  })

  it('shows one’s own rights read-only and refuses to change them', async () => {
    const t = await setup()
    const page = await (await t.owner.request(`/admin/staff/${t.ownerId}`)).text()
    expect(page).toContain('Свои права изменить нельзя.')
    expect(page).not.toContain('name="perm.')
    const res = await t.owner.post(
      `/admin/staff/${t.ownerId}/permissions`,
      overrides({ 'admin.staff': 'deny' }),
    )
    expect(res.status).toBe(422)
    expect(await t.db.selectFrom('staff_permissions').selectAll().execute()).toEqual([])
  })

  it('never leaves the clinic without an active owner (service rule)', async () => {
    const t = await setup()
    const target = (await findStaffById(t.db, t.ownerId))!
    const manager = {
      id: 999,
      role: 'owner' as const,
      audit: { staffId: null, deviceId: null, zone: null },
    }
    const deps = { db: t.db, auditKey: t.services.keys.audit, now: t.services.now }
    await expect(setStaffActive(deps, manager, target, false)).rejects.toBeInstanceOf(
      StaffRuleError,
    )
    expect((await findStaffById(t.db, t.ownerId))!.active).toBe(1)
  })
})

describe('clinic settings', () => {
  it('changes medical visibility, audited old → new, and shows it in the history', async () => {
    const t = await setup()
    const res = await t.owner.post('/admin/settings', {
      medical_visibility: 'own',
      require_totp_for_admin: '0',
    })
    expect(res.status).toBe(303)
    expect(await medicalVisibility(t.db)).toBe('own')
    const events = (await auditOf(t, 'settings.change')).map((e) => JSON.parse(e.details))
    expect(events).toEqual([{ setting: 'medical_visibility', old: 'all', new: 'own' }])
    const history = await (await t.owner.request('/admin/staff/history')).text()
    expect(history).toContain('только лечащие врачи')
    expect(await (await t.owner.request('/admin/staff')).text()).toContain('только лечащие врачи')
  })

  it('refuses an empty form and requiring TOTP before one has it, changing nothing', async () => {
    const t = await setup()
    expect((await t.owner.post('/admin/settings', {})).status).toBe(422)
    const res = await t.owner.post('/admin/settings', {
      medical_visibility: 'own',
      require_totp_for_admin: '1',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Сначала включите двухфакторную защиту для себя')
    expect(await t.db.selectFrom('settings').selectAll().execute()).toEqual([])
    expect(await auditOf(t, 'settings.change')).toEqual([])
  })
})
