import { describe, expect, it } from 'vitest'
import { routeAccessTable } from '../http/access.js'
import { createTestApp, PASSWORD } from '../testing/test-app.js'
import { findStaffById } from './staff.queries.js'

async function setup() {
  const t = await createTestApp()
  const office = await t.addDevice('office')
  const reception = await t.addDevice('reception')
  const surgery = await t.addDevice('surgery')
  const ownerId = await t.addStaff('owner', 'owner')
  const doctorId = await t.addStaff('doc', 'doctor')
  const assistantId = await t.addStaff('assist', 'assistant')
  const receptionistId = await t.addStaff('anna', 'receptionist')
  const owner = t.browser(office)
  await owner.login('owner')
  return { ...t, office, reception, surgery, owner, ownerId, doctorId, assistantId, receptionistId }
}
type T = Awaited<ReturnType<typeof setup>>

const events = (t: T, action: string) =>
  t.db
    .selectFrom('audit_events')
    .select(['staff_id', 'outcome', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()

const staffRow = async (t: T, id: number) => (await findStaffById(t.db, id))!

describe('staff administration: refusals first', () => {
  it('refuses every /admin/staff and /admin/settings route to the wrong person or terminal, changing nothing', async () => {
    const t = await setup()
    const routes = routeAccessTable(t.app.routes).filter((r) => r.access === 'admin.staff')
    expect(routes.length).toBeGreaterThanOrEqual(12)
    const cases = [
      ['anna', t.reception],
      ['anna', t.office],
      ['doc', t.surgery],
      ['doc', t.office],
      ['owner', t.reception],
      ['owner', t.surgery],
    ] as const
    const before = await t.db.selectFrom('staff').selectAll().orderBy('id').execute()
    for (const [login, device] of cases) {
      const b = t.browser(device)
      await b.login(login)
      for (const r of routes) {
        const path = r.path.replace(':id', String(t.doctorId))
        const form = {
          full_name: 'Взломщик',
          login: 'mallory',
          role: 'owner',
          medical_visibility: 'own',
          require_totp_for_admin: '1',
          'perm.admin.staff': 'grant',
        }
        const res = r.method === 'GET' ? await b.request(path) : await b.post(path, form)
        expect(res.status, `${login}@${device.zone} ${r.method} ${r.path}`).toBe(403)
        expect(await res.text()).not.toContain('Test assist')
      }
    }
    expect(await t.db.selectFrom('staff').selectAll().orderBy('id').execute()).toEqual(before)
    expect(await t.db.selectFrom('staff_permissions').selectAll().execute()).toEqual([])
    expect(await t.db.selectFrom('settings').selectAll().execute()).toEqual([])
    expect((await events(t, 'access.denied')).length).toBe(routes.length * cases.length)
  })

  it('answers 404 for an employee who does not exist, and for an id that is not a number', async () => {
    const t = await setup()
    expect((await t.owner.request('/admin/staff/999')).status).toBe(404)
    expect((await t.owner.request('/admin/staff/1x')).status).toBe(404)
    expect((await t.owner.post('/admin/staff/999/deactivate')).status).toBe(404)
    expect((await t.owner.post('/admin/staff/0/reset-password')).status).toBe(404)
  })

  it('ignores extra fields: role=owner on the own-password form, login/active/staff_id on an edit form', async () => {
    const t = await setup()
    const doc = t.browser(t.surgery)
    await doc.login('doc')
    const pw = await doc.post('/password', {
      current: PASSWORD,
      password: 'Новый-пароль-врача-2026',
      repeat: 'Новый-пароль-врача-2026',
      role: 'owner',
      staff_id: String(t.ownerId),
    })
    expect(pw.status).toBe(303)
    expect((await staffRow(t, t.doctorId)).role).toBe('doctor')
    const owner = await staffRow(t, t.ownerId)
    const res = await t.owner.post(`/admin/staff/${t.doctorId}/update`, {
      full_name: 'Петрова Анна Сергеевна',
      role: 'doctor',
      login: 'hijack',
      active: '0',
      staff_id: String(t.assistantId),
      must_change_password: '0',
    })
    expect(res.status).toBe(303)
    const doctor = await staffRow(t, t.doctorId)
    expect(doctor).toMatchObject({ full_name: 'Петрова Анна Сергеевна', login: 'doc', active: 1 })
    expect(await staffRow(t, t.assistantId)).toMatchObject({ full_name: 'Test assist' })
    expect(await staffRow(t, t.ownerId)).toEqual(owner)
  })

  it('lets a delegated manager run staff but never make owners, touch owners, grant admin rights or change themselves', async () => {
    const t = await setup()
    await t.db
      .insertInto('staff_permissions')
      .values({
        staff_id: t.receptionistId,
        permission: 'admin.staff',
        effect: 'grant',
        changed_by: t.ownerId,
        changed_at: '2026-11-29T09:00:00.000Z',
      })
      .execute()
    const m = t.browser(t.office)
    await m.login('anna')
    expect((await m.request('/admin/staff')).status).toBe(200)
    const promote = await m.post(`/admin/staff/${t.doctorId}/update`, {
      full_name: 'Test doc',
      role: 'owner',
    })
    expect(promote.status).toBe(403)
    const self = await m.post(`/admin/staff/${t.receptionistId}/update`, {
      full_name: 'Test anna',
      role: 'owner',
    })
    expect(self.status).toBe(422)
    const ownerEdit = await m.post(`/admin/staff/${t.ownerId}/deactivate`)
    expect(ownerEdit.status).toBe(403)
    const addOwner = await m.post('/admin/staff', { login: 'boss2', full_name: 'B', role: 'owner' })
    expect(addOwner.status).toBe(403)
    const perms = Object.fromEntries(
      (await permissionFields(t, t.doctorId)).map(([k, v]) => [k, v]),
    )
    const grant = await m.post(`/admin/staff/${t.doctorId}/permissions`, {
      ...perms,
      'perm.admin.devices': 'grant',
    })
    expect(grant.status).toBe(403)
    expect((await staffRow(t, t.doctorId)).role).toBe('doctor')
    expect((await staffRow(t, t.receptionistId)).role).toBe('receptionist')
    expect((await staffRow(t, t.ownerId)).active).toBe(1)
    expect(
      await t.db.selectFrom('staff').where('login', '=', 'boss2').selectAll().execute(),
    ).toEqual([])
    expect(
      await t.db
        .selectFrom('staff_permissions')
        .where('staff_id', '=', t.doctorId)
        .selectAll()
        .execute(),
    ).toEqual([])
  })
})

/** The override fields as the edit page renders them (every permission, current choice). */
async function permissionFields(t: T, id: number): Promise<[string, string][]> {
  const html = await (await t.owner.request(`/admin/staff/${id}`)).text()
  return [
    ...html.matchAll(/<select id="perm-[^"]+" name="(perm\.[^"]+)">([\s\S]*?)<\/select>/g),
  ].map((m) => [m[1]!, /<option value="(\w+)" selected/.exec(m[2]!)?.[1] ?? 'role'])
}

describe('accounts', () => {
  it('adds an employee and shows the one-time password once, which then signs in', async () => {
    const t = await setup()
    const res = await t.owner.post('/admin/staff', {
      login: 'Ivanova',
      full_name: 'Иванова Мария Петровна',
      role: 'assistant',
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    const password = /data-testid="one-time-password">([^<]+)</.exec(html)![1]!
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/)
    expect(html).toContain('показан один раз')
    const created = await t.db
      .selectFrom('staff')
      .selectAll()
      .where('login', '=', 'ivanova')
      .executeTakeFirstOrThrow()
    expect(created).toMatchObject({ role: 'assistant', must_change_password: 1, active: 1 })
    expect(
      JSON.stringify(await t.db.selectFrom('audit_events').selectAll().execute()),
    ).not.toContain(password)
    expect((await t.owner.request(`/admin/staff/${created.id}`)).status).toBe(200)
    expect(await (await t.owner.request(`/admin/staff/${created.id}`)).text()).not.toContain(
      password,
    )
    const b = t.browser(t.surgery)
    const login = await b.post('/login', { login: 'ivanova', password })
    expect(login.headers.get('location')).toBe('/password')
  })

  it('re-renders the add form with 422, the input kept and each problem named', async () => {
    const t = await setup()
    const res = await t.owner.post('/admin/staff', { login: 'Ж!', full_name: 'Сидоров', role: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Ж!"')
    expect(html).toContain('value="Сидоров"')
    expect(html).toContain('Логин: от 2 до 32')
    expect(html).toContain('Выберите роль.')
    const taken = await t.owner.post('/admin/staff', {
      login: 'DOC',
      full_name: 'X',
      role: 'doctor',
    })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain('Этот логин уже занят.')
    const forged = await t.owner.post('/admin/staff', {
      login: 'x1',
      full_name: 'X',
      role: 'superuser',
    })
    expect(forged.status).toBe(422)
    expect(await t.db.selectFrom('staff').select('id').execute()).toHaveLength(4)
  })

  it('shows hostile names escaped on every page', async () => {
    const t = await setup()
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const res = await t.owner.post('/admin/staff', {
      login: 'evil',
      full_name: name,
      role: 'doctor',
    })
    expect(res.status).toBe(200)
    const id = (
      await t.db
        .selectFrom('staff')
        .select('id')
        .where('login', '=', 'evil')
        .executeTakeFirstOrThrow()
    ).id
    const pages = [
      await res.text(),
      await (await t.owner.request('/admin/staff')).text(),
      await (await t.owner.request(`/admin/staff/${id}`)).text(),
      await (await t.owner.request('/admin/staff/matrix')).text(),
      await (await t.owner.request('/admin/staff/history')).text(),
    ]
    for (const html of pages) {
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('<img src=x')
    }
    const control = await t.owner.post('/admin/staff', {
      login: 'ctl',
      full_name: 'a\nb',
      role: 'doctor',
    })
    expect(control.status).toBe(422)
  })

  it('edits name and role, auditing the role change old → new', async () => {
    const t = await setup()
    const res = await t.owner.post(`/admin/staff/${t.doctorId}/update`, {
      full_name: 'Test doc',
      role: 'assistant',
    })
    expect(res.headers.get('location')).toBe(`/admin/staff/${t.doctorId}?done=saved`)
    expect((await staffRow(t, t.doctorId)).role).toBe('assistant')
    const [e] = await events(t, 'staff.role_change')
    expect(JSON.parse(e!.details)).toEqual({ staff: t.doctorId, old: 'doctor', new: 'assistant' })
    expect(e!.staff_id).toBe(t.ownerId)
    const bad = await t.owner.post(`/admin/staff/${t.doctorId}/update`, {
      full_name: '',
      role: 'doctor',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Укажите ФИО.')
    expect((await staffRow(t, t.doctorId)).role).toBe('assistant')
  })

  it('deactivation ends the person’s sessions at once; reactivation lets them back', async () => {
    const t = await setup()
    const doc = t.browser(t.surgery)
    await doc.login('doc')
    expect((await doc.request('/')).status).toBe(200)
    const res = await t.owner.post(`/admin/staff/${t.doctorId}/deactivate`)
    expect(res.status).toBe(303)
    const next = await doc.request('/')
    expect(next.status).toBe(303)
    expect(next.headers.get('location')).toBe('/login')
    const again = await t.browser(t.surgery).post('/login', { login: 'doc', password: PASSWORD })
    expect(again.status).toBe(401)
    const [e] = await events(t, 'staff.deactivate')
    expect(JSON.parse(e!.details)).toEqual({ staff: t.doctorId, old: 'active', new: 'inactive' })
    const live = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('staff_id', '=', t.doctorId)
      .where('ended_at', 'is', null)
      .execute()
    expect(live).toEqual([])
    expect((await t.owner.post(`/admin/staff/${t.doctorId}/reactivate`)).status).toBe(303)
    await t.browser(t.surgery).login('doc')
  })

  it('the owner cannot deactivate, reset or demote themselves, and the clinic keeps an owner', async () => {
    const t = await setup()
    const res = await t.owner.post(`/admin/staff/${t.ownerId}/deactivate`)
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Свою роль, права и учётную запись изменить нельзя')
    expect((await t.owner.post(`/admin/staff/${t.ownerId}/reset-password`)).status).toBe(422)
    expect(
      (
        await t.owner.post(`/admin/staff/${t.ownerId}/update`, {
          full_name: 'Владелец',
          role: 'doctor',
        })
      ).status,
    ).toBe(422)
    expect(await staffRow(t, t.ownerId)).toMatchObject({ active: 1, role: 'owner' })
    // The own name is fine to change.
    expect(
      (
        await t.owner.post(`/admin/staff/${t.ownerId}/update`, {
          full_name: 'Владелец',
          role: 'owner',
        })
      ).status,
    ).toBe(303)
    expect((await t.owner.request('/')).status).toBe(200)
  })

  it('resets a password: a new one-time password, old sessions ended, audited', async () => {
    const t = await setup()
    const doc = t.browser(t.surgery)
    await doc.login('doc')
    const res = await t.owner.post(`/admin/staff/${t.doctorId}/reset-password`, { role: 'owner' })
    expect(res.status).toBe(200)
    const password = /data-testid="one-time-password">([^<]+)</.exec(await res.text())![1]!
    expect((await doc.request('/')).headers.get('location')).toBe('/login')
    const login = await t.browser(t.surgery).post('/login', { login: 'doc', password })
    expect(login.headers.get('location')).toBe('/password')
    expect((await staffRow(t, t.doctorId)).role).toBe('doctor')
    expect(await events(t, 'staff.password_reset')).toHaveLength(1)
  })
})
