import { describe, expect, it } from 'vitest'
import { medicalClinic, visitForm } from './medical-testing.js'

// A doctor's visit at the chair, through the routes: template, K-code, chart, sign, correct.

describe("a doctor's visit at a surgery terminal", () => {
  it('fills a record from a template, picks a K-code by typing, marks teeth, signs, corrects', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const card = `/patients/${t.anna}/medical`

    // A template of the doctor's own.
    expect(
      (
        await doctor.post('/medical/templates', {
          name: 'Кариес дентина',
          complaints: 'Жалобы на кратковременную боль от сладкого',
          treatment: 'Анестезия, препарирование, пломба',
          diagnosis_code: 'к02.1',
        })
      ).status,
    ).toBe(303)
    const templateId = (
      await t.db.selectFrom('visit_templates').select('id').executeTakeFirstOrThrow()
    ).id

    const opened = await doctor.request(card)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('cache-control')).toBe('no-store')
    const newForm = await (await doctor.request(`${card}/visits/new`)).text()
    expect(newForm).toContain('Кариес дентина')
    expect(newForm).toContain(`<option value="${t.ids.doctor}" selected="">`)

    // htmx fills the form from the template, keeping what was typed.
    const filled = await doctor.post(
      `${card}/visits/compose`,
      {
        ...visitForm(t.ids.doctor, {
          complaints: 'Со слов пациента',
          treatment: '',
          diagnosis_code: '',
        }),
        mode: 'new',
        template: String(templateId),
        intent: 'template',
      },
      { 'hx-request': 'true' },
    )
    const html = await filled.text()
    expect(html).toMatch(/^<form id="visit-editor"/)
    expect(html).toContain('Со слов пациента\nЖалобы на кратковременную боль от сладкого')
    expect(html).toContain('value="K02.1" checked=""')

    // Typing "кариес дент" finds K02.1.
    const found = await (await doctor.post('/medical/icd10', { icd_q: 'кариес дент' })).text()
    expect(found).toContain('value="K02.1"')
    expect(found).toContain('Кариес дентина')

    const created = await doctor.post(`${card}/visits`, visitForm(t.ids.doctor))
    expect(created.status).toBe(303)
    const visit = created.headers.get('location')!

    // Teeth and surfaces: 36 caries on the occlusal and mesial surfaces, 46 a crown, 18 missing.
    const chart = `/patients/${t.anna}/chart`
    expect(
      (
        await doctor.post(`${chart}/teeth/36`, {
          base: '0',
          code: 'caries',
          surface_O: 'caries',
          surface_M: 'caries',
        })
      ).status,
    ).toBe(303)
    expect((await doctor.post(`${chart}/teeth/46`, { base: '0', code: 'crown' })).status).toBe(303)
    expect((await doctor.post(`${chart}/teeth/18`, { base: '0', code: 'missing' })).status).toBe(
      303,
    )
    const chartPage = await (await doctor.request(chart)).text()
    expect(chartPage).toContain('Зуб 36: кариес (медиальная, окклюзионная)')
    expect(chartPage).toContain('К 1 + П 1 + У 1 = 3')
    expect(chartPage).toContain('К 2 + П 5 + У 5 = 12')
    expect(chartPage).toContain('Неподписанные отметки')

    // Sign the record and the chart.
    expect((await doctor.post(`${visit}/sign`, { base_revision: '1' })).status).toBe(303)
    const drafts = (await t.db.selectFrom('tooth_states').select('id').execute()).map((r) => r.id)
    expect((await doctor.post(`${chart}/sign`, { drafts: drafts.join(',') })).status).toBe(303)
    expect(await (await doctor.request(chart)).text()).not.toContain('Неподписанные отметки')
    const cardPage = await (await doctor.request(card)).text()
    expect(cardPage).toContain('Кариес дентина 36')
    expect(cardPage).toContain('впервые')

    // Correct the signed record: both versions stay visible.
    const correction = await (await doctor.request(`${visit}/correct`)).text()
    expect(correction).toContain('Исправление подписанной записи')
    expect(
      (
        await doctor.post(`${visit}/correct`, {
          ...visitForm(t.ids.doctor, {
            diagnosis_code: 'K02.0',
            diagnosis_text: 'Кариес эмали 36',
          }),
          base_revision: '2',
          reason: 'Диагноз уточнён после рентгенограммы',
        })
      ).status,
    ).toBe(303)
    const pending = await (await doctor.request(visit)).text()
    expect(pending).toContain('Есть неподписанное исправление этой записи.')
    expect(pending).toContain('Кариес эмали 36')
    expect(pending).toContain('Кариес дентина 36')
    expect((await doctor.post(`${visit}/sign`, { base_revision: '3' })).status).toBe(303)
    const history = await (await doctor.request(`${visit}/history`)).text()
    expect(history).toContain('Версия 4')
    expect(history).toContain('Диагноз уточнён после рентгенограммы')
    expect(history).toMatch(/<del>.*Кариес дентина 36/s)
    expect(history).toMatch(/<ins>.*Кариес эмали 36/s)

    // The printed card: title page, dental formula, final diagnoses, signed records.
    const before = await t.lastEventId()
    const print = await doctor.request(`${card}/print`)
    expect(print.status).toBe(200)
    const paper = await print.text()
    expect(paper).toMatch(/^<!DOCTYPE html>/)
    expect(paper).toContain('Медицинская карта стоматологического больного (форма 025/у)')
    expect(paper).toContain('Зубная формула')
    expect(paper).toContain('С(М,Ж)')
    expect(paper).toContain('Кариес эмали 36')
    expect(paper).not.toContain('Кариес дентина 36')
    expect(paper).toContain('Подписано электронно: Test doctor')
    expect((await t.eventsSince(before)).map((e) => e.action)).toEqual(['medical.print'])
  })
})

describe('the assistant prepares, the doctor signs', () => {
  it('drafts a record and chart marks, cannot sign them; the doctor reviews and signs', async () => {
    const t = await medicalClinic()
    const assistant = await t.as('assistant', 'surgery')
    const newForm = await (await assistant.request(`/patients/${t.anna}/medical/visits/new`)).text()
    expect(newForm).toContain('<option value="" selected="">— выберите врача —</option>')
    const noDoctor = await assistant.post(
      `/patients/${t.anna}/medical/visits`,
      visitForm(t.ids.doctor, { doctor_id: '' }),
    )
    expect(noDoctor.status).toBe(422)
    const created = await assistant.post(
      `/patients/${t.anna}/medical/visits`,
      visitForm(t.ids.doctor),
    )
    const visit = created.headers.get('location')!
    const chart = `/patients/${t.anna}/chart`
    expect(
      (
        await assistant.post(`${chart}/teeth/11`, {
          base: '0',
          code: 'filling',
          surface_V: 'filling',
        })
      ).status,
    ).toBe(303)
    expect((await assistant.post(`${visit}/sign`, { base_revision: '1' })).status).toBe(403)
    const draftIds = (await t.db.selectFrom('tooth_states').select('id').execute()).map((r) => r.id)
    expect((await assistant.post(`${chart}/sign`, { drafts: draftIds.join(',') })).status).toBe(403)
    const assistantChart = await (await assistant.request(chart)).text()
    expect(assistantChart).toContain('Неподписанные отметки')
    expect(assistantChart).not.toContain('Подписать зубную формулу')

    const doctor = await t.as('doctor', 'surgery')
    const review = await (await doctor.request(visit)).text()
    expect(review).toContain('Черновик подготовил(а) Test assistant. Проверьте и подпишите.')
    expect(review).toContain('>Подписать</button>')
    expect((await doctor.post(`${visit}/sign`, { base_revision: '1' })).status).toBe(303)
    // The doctor signs exactly what was shown: a mark added meanwhile makes them look again.
    await assistant.post(`${chart}/teeth/21`, { base: '0', code: 'caries' })
    expect((await doctor.post(`${chart}/sign`, { drafts: draftIds.join(',') })).status).toBe(409)
    const all = (await t.db.selectFrom('tooth_states').select('id').execute()).map((r) => r.id)
    expect((await doctor.post(`${chart}/sign`, { drafts: all.join(',') })).status).toBe(303)
    const rows = await t.db
      .selectFrom('tooth_states')
      .select(['tooth', 'status', 'author_role', 'signed_by'])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { tooth: 11, status: 'draft', author_role: 'assistant', signed_by: null },
      { tooth: 21, status: 'draft', author_role: 'assistant', signed_by: null },
      { tooth: 11, status: 'signed', author_role: 'doctor', signed_by: t.ids.doctor },
      { tooth: 21, status: 'signed', author_role: 'doctor', signed_by: t.ids.doctor },
    ])
  })
})
