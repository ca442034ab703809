import { describe, expect, it } from 'vitest'
import { medicalClinic } from '../medical/medical-testing.js'

describe('dental chart', () => {
  it('shows the mouth as it was at a past date, and every mark in the history', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const chart = `/patients/${t.anna}/chart`
    expect(
      (await doctor.post(`${chart}/teeth/36`, { base: '0', code: 'caries', surface_O: 'caries' }))
        .status,
    ).toBe(303)
    const first = (await t.db.selectFrom('tooth_states').select('id').executeTakeFirstOrThrow()).id
    t.clock.advance(3 * 86_400_000) // 2026-12-02
    const again = await t.as('doctor', 'surgery')
    expect(
      (
        await again.post(`${chart}/teeth/36`, {
          base: String(first),
          code: 'filling',
          surface_O: 'filling',
        })
      ).status,
    ).toBe(303)

    const past = await (await again.request(`${chart}?at=2026-11-29`)).text()
    expect(past).toContain('Состояние на 29.11.2026')
    expect(past).toContain('Зуб 36: кариес (окклюзионная)')
    expect(past).not.toContain('href="/patients/1/chart/teeth/36"')
    const before = await (await again.request(`${chart}?at=2026-11-28`)).text()
    expect(before).toContain('Зуб 36: без отметок')
    const now = await (await again.request(chart)).text()
    expect(now).toContain('Зуб 36: пломба (окклюзионная)')
    expect(now).toContain('К 0 + П 1 + У 0 = 1')

    const history = await (await again.request(`${chart}/history`)).text()
    expect(history).toContain(`href="${chart}?at=2026-12-02"`)
    expect(history).toContain(`href="${chart}?at=2026-11-29"`)
    expect(history).toContain('кариес (окклюзионная)')
    expect(history).toContain('пломба (окклюзионная)')
    // A date in the future or not a date falls back to today, saying so.
    expect(await (await again.request(`${chart}?at=2030-01-01`)).text()).toContain('Неверная дата.')
  })

  it('refuses a second save from the same starting point (no lost update)', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const assistant = await t.as('assistant', 'surgery')
    const tooth = `/patients/${t.anna}/chart/teeth/21`
    expect((await doctor.post(tooth, { base: '0', code: 'caries' })).status).toBe(303)
    const lost = await assistant.post(tooth, { base: '0', code: 'filling' })
    expect(lost.status).toBe(409)
    expect(await lost.text()).toContain('Отметку этого зуба уже изменили')
    const viaHtmx = await assistant.post(
      tooth,
      { base: '0', code: 'filling' },
      { 'hx-request': 'true' },
    )
    expect(viaHtmx.status).toBe(422)
    expect(await viaHtmx.text()).toMatch(/^<section id="chart-section"/)
    expect(await t.db.selectFrom('tooth_states').select('codes').execute()).toEqual([
      { codes: 'caries' },
    ])
  })

  it('opens a tooth in the side panel with htmx and as a page without JS', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const path = `/patients/${t.anna}/chart/teeth/11`
    const partial = await (await doctor.request(path, { headers: { 'hx-request': 'true' } })).text()
    expect(partial).toMatch(/^<section class="tooth-editor-panel"/)
    expect(partial).toContain('Вестибулярная'.toLowerCase())
    expect(partial).toContain('режущий край (РК)')
    expect(partial).toContain('нёбная (О)')
    const page = await (await doctor.request(path)).text()
    expect(page).toContain('<h1>Зубная формула</h1>')
    expect(page).toContain('<h2 id="tooth-11-heading">Зуб 11</h2>')
    const saved = await doctor.post(
      path,
      { base: '0', code: 'crown', mobility: '2' },
      { 'hx-request': 'true' },
    )
    expect(saved.status).toBe(200)
    const section = await saved.text()
    expect(section).toMatch(/^<section id="chart-section"/)
    expect(section).toContain('Зуб 11: коронка; Подвижность II степени')
  })

  it('shows primary and permanent teeth for a child in mixed dentition', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const chart = await (await doctor.request(`/patients/${t.boris}/chart`)).text()
    expect(chart).toContain('<option value="mixed" selected="">')
    expect(chart).toContain('Зуб 55: без отметок')
    expect(chart).toContain('Зуб 16: без отметок')
    await doctor.post(`/patients/${t.boris}/chart/teeth/75`, { base: '0', code: 'caries' })
    await doctor.post(`/patients/${t.boris}/chart/teeth/54`, { base: '0', code: 'filling' })
    const after = await (
      await doctor.request(`/patients/${t.boris}/chart?dentition=permanent`)
    ).text()
    // Marked primary teeth stay visible whatever the chosen dentition.
    expect(after).toContain('Зуб 75: кариес')
    expect(after).toContain('к 1 + п 1 = 2')
    const adult = await (await doctor.request(`/patients/${t.anna}/chart`)).text()
    expect(adult).not.toContain('Зуб 55')
  })
})
