import { describe, expect, it } from 'vitest'
import type { Zone } from '../config.js'
import { auditSetup, linkHref, shownEventIds, type AuditSetup } from './audit.fixtures.js'

const AUDIT_ROUTES: [method: 'GET' | 'POST', path: string][] = [
  ['GET', '/audit'],
  ['GET', '/audit?patient=42'],
  ['GET', '/audit/export.csv'],
  ['GET', '/audit/patients/42'],
  ['GET', '/audit/break-glass'],
  ['POST', '/audit/break-glass/1/review'],
]

async function as(t: AuditSetup, login: string, zone: Zone) {
  const device = { office: t.office, surgery: t.surgery, reception: t.reception }[zone]
  const b = t.browser(device)
  await b.login(login)
  return b
}

describe('audit routes: refusals first', () => {
  const refused: [string, Zone][] = [
    ['anna', 'reception'],
    ['anna', 'surgery'],
    ['anna', 'office'],
    ['doc', 'surgery'],
    ['doc', 'reception'],
    ['doc', 'office'],
    ['assist', 'surgery'],
    ['assist', 'reception'],
    // The owner has audit.read, but the audit trail never leaves the office (zone ceiling).
    ['owner', 'reception'],
    ['owner', 'surgery'],
  ]

  it.each(refused)('%s at a %s terminal gets 403 on every /audit route', async (login, zone) => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'break_glass.start', patientId: 42 },
      t.clock.now().toISOString(),
    )
    const b = await as(t, login, zone)
    for (const [method, path] of AUDIT_ROUTES) {
      const res = method === 'GET' ? await b.request(path) : await b.post(path, { note: 'ok' })
      expect(res.status, `${method} ${path}`).toBe(403)
      const body = await res.text()
      expect(body).not.toContain('audit-table')
      expect(res.headers.get('content-type') ?? '').not.toContain('text/csv')
    }
    const events = await t.events()
    expect(events.filter((e) => e.action === 'access.denied')).toHaveLength(AUDIT_ROUTES.length)
    expect(events.map((e) => e.action)).not.toContain('audit.export')
    expect(events.map((e) => e.action)).not.toContain('audit.patient_report')
  })

  it('sends a visitor without a session to the login page', async () => {
    const t = await auditSetup()
    const res = await t.browser(t.office).request('/audit')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
  })
})

describe('the trail', () => {
  it('shows events newest first with person, terminal and zone, readable action, patient, outcome', async () => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42, details: { section: '<b>anamnesis</b>' } },
      '2026-11-29T08:00:00Z',
    )
    await t.record(
      { staffId: null, deviceId: t.reception.id, zone: 'reception' },
      { action: 'auth.login', outcome: 'failed', details: { login: 'ghost' } },
      '2026-11-29T08:01:00Z',
    )
    await t.record(t.asOwner, { action: 'some.future_action' }, '2026-11-29T08:02:00Z')
    const html = await (await t.owner.request('/audit')).text()
    const ids = shownEventIds(html)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(html).toContain('Открыта медицинская карта')
    expect(html).toContain('Неудачный вход')
    expect(html).toContain('Вход в систему')
    expect(html).toContain('some.future_action')
    expect(html).toContain('пациент №42')
    expect(html).toContain('href="/audit/patients/42"')
    expect(html).toContain('Test doc')
    expect(html).toContain('chair-1')
    expect(html).toContain('Кабинет')
    expect(html).toContain('29.11.2026, 11:00') // 08:00 UTC in Moscow
    expect(html).toContain('section: &lt;b&gt;anamnesis&lt;/b&gt;')
    expect(html).not.toContain('<b>anamnesis</b>')
  })

  it('filters by staff, action, action prefix, outcome and patient', async () => {
    const t = await auditSetup()
    const open = await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-29T08:00:00Z',
    )
    const other = await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 7 },
      '2026-11-29T08:01:00Z',
    )
    const byOwner = await t.record(t.asOwner, { action: 'device.revoke' }, '2026-11-29T08:02:00Z')
    const ids = async (q: string) =>
      shownEventIds(await (await t.owner.request(`/audit?${q}`)).text())
    expect(await ids(`staff=${t.doctorId}`)).toEqual([other, open])
    expect(await ids('action=medical.card.open')).toEqual([other, open])
    expect(await ids('action=medical.card.open&patient=42')).toEqual([open])
    expect(await ids('prefix=medical.')).toEqual([other, open])
    expect(await ids(`device=${t.office.id}&action=device.revoke`)).toEqual([byOwner])
    expect(await ids('outcome=denied')).toEqual([])
    // "_" is a LIKE wildcard; the prefix must match literally.
    await t.record(t.asOwner, { action: 'staffXpassword' }, '2026-11-29T08:03:00Z')
    expect(await ids('prefix=staff_')).toEqual([])
  })

  it('reads the period as dates in the clinic time zone (Europe/Moscow)', async () => {
    const t = await auditSetup()
    const before = await t.record(t.asDoctor, { action: 'x.before' }, '2026-11-28T20:59:59Z')
    const late = await t.record(t.asDoctor, { action: 'x.late' }, '2026-11-28T21:30:00Z')
    const ids = async (q: string) =>
      shownEventIds(await (await t.owner.request(`/audit?prefix=x.&${q}`)).text())
    // 21:30 UTC on 28.11 is 00:30 on 29.11 in Moscow.
    expect(await ids('from=2026-11-29&to=2026-11-29')).toEqual([late])
    expect(await ids('to=2026-11-28')).toEqual([before])
    expect(await ids('from=2026-11-28')).toEqual([late, before])
  })

  it('refuses a bad filter with 422, keeps the input and shows no rows', async () => {
    const t = await auditSetup()
    for (const q of [
      'patient=abc',
      'from=2026-02-30',
      'from=2026-11-29&to=2026-11-01',
      'prefix=A%25',
    ]) {
      const res = await t.owner.request(`/audit?${q}`)
      expect(res.status, q).toBe(422)
      const html = await res.text()
      expect(html).toContain('Проверьте условия отбора')
      expect(shownEventIds(html)).toEqual([])
    }
    const kept = await (await t.owner.request('/audit?patient=abc')).text()
    expect(kept).toContain('value="abc"')
  })

  it('pages by event id, 50 at a time, with links that carry only ids and codes', async () => {
    const t = await auditSetup()
    const made: number[] = []
    for (let i = 0; i < 120; i++) {
      made.push(
        await t.record(
          t.asDoctor,
          { action: 'medical.card.open', patientId: 1000 + i },
          '2026-11-29T08:00:00Z',
        ),
      )
    }
    const newestFirst = [...made].reverse()
    const first = await (await t.owner.request('/audit?action=medical.card.open')).text()
    expect(shownEventIds(first)).toEqual(newestFirst.slice(0, 50))
    expect(linkHref(first, '← Новее')).toBeUndefined()
    const olderHref = linkHref(first, 'Старее →')!
    expect(olderHref).toMatch(/^\/audit\?[a-z0-9=&._]+$/)
    const second = await (await t.owner.request(olderHref)).text()
    expect(shownEventIds(second)).toEqual(newestFirst.slice(50, 100))
    const third = await (await t.owner.request(linkHref(second, 'Старее →')!)).text()
    expect(shownEventIds(third)).toEqual(newestFirst.slice(100))
    expect(linkHref(third, 'Старее →')).toBeUndefined()
    const back = await (await t.owner.request(linkHref(third, '← Новее')!)).text()
    expect(shownEventIds(back)).toEqual(newestFirst.slice(50, 100))
    // Back to the newest page from page 2: a full page, not a short one.
    const top = await (await t.owner.request(linkHref(second, '← Новее')!)).text()
    expect(shownEventIds(top)).toEqual(newestFirst.slice(0, 50))
  })

  it('answers htmx with the table partial only', async () => {
    const t = await auditSetup()
    const res = await t.owner.request('/audit?prefix=auth.', { headers: { 'hx-request': 'true' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<div id="audit-table">')).toBe(true)
    expect(html).not.toContain('<html')
    expect(html).toContain('Вход в систему')
  })

  it('renders a filter form that works without JS and swaps the table with htmx', async () => {
    const t = await auditSetup()
    const html = await (await t.owner.request('/audit')).text()
    expect(html).toMatch(/<form method="get" action="\/audit"[^>]*hx-get="\/audit"/)
    expect(html).toContain('hx-target="#audit-table"')
    expect(html).toContain('hx-push-url="false"')
    expect(html).toContain(`<option value="${t.doctorId}">Test doc</option>`)
    expect(html).toContain('<option value="medical.card.open">Открыта медицинская карта</option>')
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/)
  })
})
