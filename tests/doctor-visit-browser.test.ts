import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmxSettled, type ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// A doctor's visit at the chair in a real Chromium over mutual TLS (issue 5, items 1, 2, 5, 6):
// a template, a K-code picked by typing, teeth and surfaces marked, signed, then corrected,
// with both versions in the history; every medical page scanned by axe.

const STEP_MS = 120_000
const DOC_PASSWORD = 'Кариес-дентина-тридцать-шесть'

let clinic: BrowserClinic<'chair', 'doc'>
let patientId: number

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'visit-browser',
    devices: { chair: { name: 'surgery-1', zone: 'surgery' } },
    staff: { doc: { login: 'petrova', fullName: 'Петрова Ольга Ивановна', role: 'doctor' } },
  })
  const { rt, now } = clinic
  const at = now().toISOString()
  const row = await rt.db
    .insertInto('patients')
    .values({
      card_number: '3001',
      surname: 'Кузнецов',
      name: 'Андрей',
      patronymic: 'Сергеевич',
      sex: 'male',
      birth_date: '1979-09-03',
      created_at: at,
      updated_at: at,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  patientId = (row as { id: number }).id
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe("a doctor's visit at a surgery terminal", { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  const card = () => `${clinic.url}/patients/${patientId}/medical`

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(clinic.contexts.chair))
  })
  skipStepsAfterFailure()

  async function heading() {
    return page.getByRole('heading', { level: 1 }).textContent()
  }

  it('signs in and keeps a template of routine text', async () => {
    await clinic.firstSignIn(page, clinic.staff.doc, DOC_PASSWORD)
    await page.goto(`${clinic.url}/medical/templates`)
    await page.getByLabel('Название шаблона').fill('Кариес, пломба')
    await page.getByLabel('Жалобы').fill('Кратковременная боль от сладкого и холодного')
    await page.getByLabel('Лечение').fill('Анестезия, препарирование, пломба из композита')
    await page.getByRole('button', { name: 'Сохранить шаблон' }).click()
    await page.waitForURL(`${clinic.url}/medical/templates`)
    expect(await page.getByRole('link', { name: 'Кариес, пломба' }).count()).toBe(1)
    await expectAccessible(page, 'templates')
  })

  it('opens the patient’s card (form 025/у)', async () => {
    const response = await page.goto(card())
    expect(response?.status()).toBe(200)
    expect(await heading()).toBe('Медицинская карта стоматологического больного (форма 025/у)')
    expect(await page.textContent('main')).toContain('Кузнецов Андрей Сергеевич')
    await expectAccessible(page, 'card')
  })

  it('fills a visit record from the template and picks a K-code by typing', async () => {
    await page.getByRole('link', { name: 'Новая запись осмотра' }).click()
    await page.waitForURL(/\/visits\/new$/)
    await page.getByLabel('Объективно').fill('Лицо симметрично, лимфоузлы не пальпируются')
    await page.getByLabel('Шаблон').selectOption({ label: 'Кариес, пломба' })
    await page.getByRole('button', { name: 'Заполнить из шаблона' }).click()
    await expect
      .poll(() => page.getByLabel('Жалобы').inputValue())
      .toBe('Кратковременная боль от сладкого и холодного')
    // The template swapped the form in: let htmx bind its ICD search before typing there.
    await htmxSettled(page)
    // What was typed before the template stays.
    expect(await page.getByLabel('Объективно').inputValue()).toBe(
      'Лицо симметрично, лимфоузлы не пальпируются',
    )
    expect(page.url()).toMatch(/\/visits\/new$/)
    await page.getByLabel('Поиск по коду или названию').fill('кариес дент')
    const k021 = page.getByRole('radio', { name: 'K02.1 Кариес дентина' })
    await k021.waitFor()
    await k021.check()
    await page.getByLabel('Диагноз', { exact: true }).fill('Кариес дентина 36 зуба')
    await page.getByLabel('Диагноз установлен впервые').check()
    await expectAccessible(page, 'visit editor')
    await page.getByRole('button', { name: 'Сохранить черновик' }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await heading()).toMatch(/^Осмотр от \d\d\.\d\d\.\d{4} Черновик$/)
    expect(await page.textContent('main')).toContain('K02.1 — Кариес дентина')
    await expectAccessible(page, 'visit (draft)')
  })

  it('signs the visit record', async () => {
    await page.getByRole('button', { name: 'Подписать', exact: true }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await heading()).toMatch(/Подписано$/)
    expect(await page.textContent('main')).toContain('Подписано: Петрова Ольга Ивановна')
  })

  it('marks teeth and surfaces on the chart, sees КПУ, and signs the chart', async () => {
    await page.goto(`${clinic.url}/patients/${patientId}/chart`)
    expect(await heading()).toBe('Зубная формула')
    await expectAccessible(page, 'chart')
    await page.getByRole('link', { name: /^Зуб 36:/ }).click()
    // htmx opens the tooth in the side panel, without leaving the chart.
    await page.getByRole('heading', { name: 'Зуб 36' }).waitFor()
    expect(page.url()).toBe(`${clinic.url}/patients/${patientId}/chart`)
    await page.getByLabel('С — кариес').check()
    await page.getByLabel('окклюзионная (Ж)').selectOption('caries')
    await page.getByLabel('медиальная (М)').selectOption('caries')
    await expectAccessible(page, 'tooth editor')
    await page.getByRole('button', { name: 'Сохранить отметку' }).click()
    await page
      .getByRole('link', { name: 'Зуб 36: кариес (медиальная, окклюзионная) (черновик)' })
      .waitFor()
    await page.getByRole('link', { name: /^Зуб 46:/ }).click()
    await page.getByRole('heading', { name: 'Зуб 46' }).waitFor()
    await page.getByLabel('К — коронка').check()
    await page.getByRole('button', { name: 'Сохранить отметку' }).click()
    await page.getByRole('link', { name: /^Зуб 46: коронка/ }).waitFor()
    expect(await page.getByTestId('kpu-teeth').textContent()).toBe('К 1 + П 1 + У 0 = 2')
    await page.getByRole('button', { name: 'Подписать зубную формулу' }).click()
    await page.waitForURL(`${clinic.url}/patients/${patientId}/chart`)
    expect(await page.getByText('Неподписанные отметки').count()).toBe(0)
    expect(
      await page.getByRole('link', { name: 'Зуб 36: кариес (медиальная, окклюзионная)' }).count(),
    ).toBe(1)
  })

  it('corrects the signed record with a reason and sees both versions', async () => {
    await page.goto(card())
    await page
      .getByRole('link', { name: /^\d\d\.\d\d\.\d{4}$/ })
      .first()
      .click()
    await page.getByRole('link', { name: 'Исправление' }).click()
    await page.waitForURL(/\/correct$/)
    expect(await heading()).toBe('Исправление подписанной записи')
    await page.getByLabel('Причина исправления').fill('Уточнён диагноз после рентгенограммы')
    await page.getByLabel('Поиск по коду или названию').fill('K02.0')
    const k020 = page.getByRole('radio', { name: 'K02.0 Кариес эмали' })
    await k020.waitFor()
    await k020.check()
    await page.getByLabel('Диагноз', { exact: true }).fill('Кариес эмали 36 зуба')
    await page.getByRole('button', { name: 'Сохранить исправление' }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await page.textContent('main')).toContain('Есть неподписанное исправление этой записи.')
    await page.getByRole('button', { name: 'Подписать', exact: true }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    await page.getByRole('link', { name: 'История изменений' }).click()
    await page.waitForURL(/\/history$/)
    const v2 = page.getByTestId('revision-2')
    const v4 = page.getByTestId('revision-4')
    expect(await v2.textContent()).toContain('Подписано')
    expect(await v4.textContent()).toContain('Причина: Уточнён диагноз после рентгенограммы')
    expect(await page.locator('del').filter({ hasText: 'Кариес дентина 36 зуба' }).count()).toBe(1)
    expect(await page.locator('ins').filter({ hasText: 'Кариес эмали 36 зуба' }).count()).toBe(1)
    await expectAccessible(page, 'history')
  })

  it('prints the card on A4 with the dental formula and the corrected diagnosis', async () => {
    await page.goto(card())
    await page.getByRole('link', { name: 'Печать карты' }).click()
    await page.waitForURL(/\/medical\/print$/)
    expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(true)
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Медицинская документация. Форма № 025/у')
    expect(text).toContain('С(М,Ж)')
    expect(text).toContain('Кариес эмали 36 зуба')
    await expectAccessible(page, 'print')
  })

  it('saw no CSP violation and no script error', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
