import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from './audit.service.js'
import { auditSetup, type AuditSetup } from './audit.fixtures.js'

const REASON = 'Острая боль, лечащий врач на больничном'

async function doctorAtChair(t: AuditSetup) {
  const b = t.browser(t.surgery)
  await b.login('doc')
  return b
}

const grants = (t: AuditSetup) => t.db.selectFrom('break_glass').selectAll().orderBy('id').execute()

describe('break-glass request: refusals first', () => {
  it('refuses a receptionist (403) at the desk and at a chair, and creates nothing', async () => {
    const t = await auditSetup()
    for (const device of [t.reception, t.surgery]) {
      const b = t.browser(device)
      await b.login('anna')
      expect((await b.request('/break-glass/42')).status).toBe(403)
      expect((await b.post('/break-glass/42', { reason: REASON })).status).toBe(403)
    }
    expect(await grants(t)).toEqual([])
  })

  it('refuses a doctor at the reception desk (zone ceiling)', async () => {
    const t = await auditSetup()
    const b = t.browser(t.reception)
    await b.login('doc')
    expect((await b.post('/break-glass/42', { reason: REASON })).status).toBe(403)
    expect(await grants(t)).toEqual([])
  })

  it('refuses a short reason with 422, keeping the text, and creates nothing', async () => {
    const t = await auditSetup()
    const b = await doctorAtChair(t)
    for (const reason of ['', 'срочно', '   короткая   ']) {
      const res = await b.post('/break-glass/42', { reason })
      expect(res.status, reason).toBe(422)
      expect(await res.text()).toContain('не короче 10 символов')
    }
    const kept = await (await b.post('/break-glass/42', { reason: '<b>ой</b>' })).text()
    expect(kept).toContain('&lt;b&gt;ой&lt;/b&gt;</textarea>')
    expect(await grants(t)).toEqual([])
    expect((await t.events()).map((e) => e.action)).not.toContain('break_glass.start')
  })

  it('answers 404 for a patient id that is not a positive integer', async () => {
    const t = await auditSetup()
    const b = await doctorAtChair(t)
    for (const id of ['0', '-3', 'abc', '4.2']) {
      expect((await b.request(`/break-glass/${id}`)).status, id).toBe(404)
      expect((await b.post(`/break-glass/${id}`, { reason: REASON })).status, id).toBe(404)
    }
  })
})

describe('break-glass request and review', () => {
  it('opens a 30-minute grant, flagged in the audit with the reason', async () => {
    const t = await auditSetup()
    const b = await doctorAtChair(t)
    const form = await (await b.request('/break-glass/42')).text()
    expect(form).toContain('пациента №42')
    expect(form).toContain('30 минут')
    const res = await b.post('/break-glass/42', { reason: `  ${REASON}  ` })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    const [g] = await grants(t)
    expect(g).toMatchObject({
      staff_id: t.doctorId,
      device_id: t.surgery.id,
      patient_id: 42,
      reason: REASON,
      started_at: '2026-11-29T09:00:00.000Z',
      expires_at: '2026-11-29T09:30:00.000Z',
      reviewed_at: null,
    })
    const start = (await t.events()).find((e) => e.action === 'break_glass.start')!
    expect(start.patient_id).toBe(42)
    expect(start.staff_id).toBe(t.doctorId)
    expect(JSON.parse(start.details)).toMatchObject({ reason: REASON, flagged: true })
    const trail = await (await t.owner.request('/audit?action=break_glass.start')).text()
    expect(trail).toContain('class="audit-flagged"')
    expect(trail).toContain('экстренный доступ')
  })

  it("puts the grant in the owner's queue, counts it on /audit, and takes a review note", async () => {
    const t = await auditSetup()
    const b = await doctorAtChair(t)
    await b.post('/break-glass/42', { reason: REASON })
    const [g] = await grants(t)
    expect(await (await t.owner.request('/audit')).text()).toContain(
      'Экстренных доступов ожидают проверки: 1.',
    )
    const queue = await (await t.owner.request('/audit/break-glass')).text()
    expect(queue).toContain('Test doc')
    expect(queue).toContain(REASON)
    expect(queue).toContain('пациент №42')
    expect(queue).toContain('29.11.2026, 12:00') // started, Moscow time
    expect(queue).toContain('29.11.2026, 12:30') // expires
    expect(queue).toContain(`action="/audit/break-glass/${g!.id}/review"`)

    const empty = await t.owner.post(`/audit/break-glass/${g!.id}/review`, { note: '  ' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Напишите заключение проверки')

    const ok = await t.owner.post(`/audit/break-glass/${g!.id}/review`, {
      note: 'Обоснованно: дежурный приём',
    })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/audit/break-glass')
    const [reviewed] = await grants(t)
    expect(reviewed).toMatchObject({
      reviewed_by: t.ownerId,
      reviewed_at: '2026-11-29T09:00:00.000Z',
      review_note: 'Обоснованно: дежурный приём',
    })
    const review = (await t.events()).find((e) => e.action === 'break_glass.review')!
    expect(review.patient_id).toBe(42)
    expect(review.staff_id).toBe(t.ownerId)
    expect(JSON.parse(review.details)).toMatchObject({ break_glass: g!.id })

    const again = await t.owner.post(`/audit/break-glass/${g!.id}/review`, { note: 'ещё раз' })
    expect(again.status).toBe(409)
    const after = await (await t.owner.request('/audit')).text()
    expect(after).not.toContain('ожидают проверки')
    const queueAfter = await (await t.owner.request('/audit/break-glass')).text()
    expect(queueAfter).toContain('Нет запросов, ожидающих проверки.')
    expect(queueAfter).toContain('Обоснованно: дежурный приём')
    expect((await verifyAuditChain(t.db, t.services.keys.audit)).ok).toBe(true)
  })

  it('lets nobody review their own grant, and 404s an unknown one', async () => {
    const t = await auditSetup()
    await t.owner.post('/break-glass/7', { reason: REASON })
    const [g] = await grants(t)
    const own = await t.owner.post(`/audit/break-glass/${g!.id}/review`, { note: 'Сам себе' })
    expect(own.status).toBe(422)
    expect(await own.text()).toContain('проверяет другой человек')
    expect((await grants(t))[0]!.reviewed_at).toBeNull()
    expect((await t.owner.post('/audit/break-glass/999/review', { note: 'x' })).status).toBe(404)
    expect((await t.owner.post('/audit/break-glass/abc/review', { note: 'x' })).status).toBe(404)
  })
})
