import { describe, expect, it } from 'vitest'
import { auditSetup, shownEventIds } from './audit.fixtures.js'

describe('who accessed this patient', () => {
  it('answers 404 for an id that is not a positive integer, and records nothing', async () => {
    const t = await auditSetup()
    for (const id of ['0', '-1', 'abc', '1.5', '1e3', '01', '99999999999999999999', '%20']) {
      const res = await t.owner.request(`/audit/patients/${id}`)
      expect(res.status, id).toBe(404)
    }
    expect((await t.events()).map((e) => e.action)).not.toContain('audit.patient_report')
  })

  it("lists every event about that patient and no one else's, in time order, grouped by day", async () => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-27T07:00:00Z',
    )
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 7 },
      '2026-11-27T08:00:00Z',
    )
    await t.record(
      { staffId: t.assistantId, deviceId: t.surgery.id, zone: 'surgery' },
      { action: 'break_glass.start', patientId: 42, details: { reason: 'x', flagged: true } },
      '2026-11-28T21:30:00Z',
    )
    const res = await t.owner.request('/audit/patients/42')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Сведения о доступе к данным пациента №42')
    expect(html).toContain('152-ФЗ')
    expect(html).toContain('323-ФЗ')
    expect(html).toContain('Записей: 2.')
    expect(html).toContain('<caption>27.11.2026</caption>')
    // 21:30 UTC on 28.11 is already 29.11 in Moscow.
    expect(html).toContain('<caption>29.11.2026</caption>')
    expect(html).not.toContain('<caption>28.11.2026</caption>')
    expect(html.indexOf('Открыта медицинская карта')).toBeLessThan(
      html.indexOf('Экстренный доступ к медицинской карте'),
    )
    expect(html).toContain('Test assist')
    expect(html).toContain('chair-1')
    // Reasons and other details stay in the trail, not on the patient's copy.
    expect(html).not.toContain('reason')
    expect(html).toContain('class="no-print audit-period"')
  })

  it('records the report with the patient id, and shows earlier reports but not itself', async () => {
    const t = await auditSetup()
    await t.owner.request('/audit/patients/42')
    const second = await (await t.owner.request('/audit/patients/42')).text()
    expect(second).toContain('Записей: 1.')
    expect(second).toContain('Отчёт о доступе к данным пациента')
    const reports = (await t.events()).filter((e) => e.action === 'audit.patient_report')
    expect(reports).toHaveLength(2)
    expect(reports.every((e) => e.patient_id === 42 && e.staff_id === t.ownerId)).toBe(true)
  })

  it('narrows to a period in the clinic time zone and refuses a bad one with 422', async () => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-20T10:00:00Z',
    )
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-28T21:30:00Z',
    )
    const html = await (
      await t.owner.request('/audit/patients/42?from=2026-11-29&to=2026-11-29')
    ).text()
    expect(html).toContain('Записей: 1.')
    expect(html).toContain('Период: 29.11.2026 — 29.11.2026.')
    const bad = await t.owner.request('/audit/patients/42?from=2026-13-01')
    expect(bad.status).toBe(422)
    expect(shownEventIds(await bad.text())).toEqual([])
  })

  it('links from the trail to the report by id only', async () => {
    const t = await auditSetup()
    await t.record(
      t.asDoctor,
      { action: 'medical.card.open', patientId: 42 },
      '2026-11-29T08:00:00Z',
    )
    const html = await (await t.owner.request('/audit?patient=42')).text()
    expect(html).toContain('<a href="/audit/patients/42">пациент №42</a>')
  })
})
