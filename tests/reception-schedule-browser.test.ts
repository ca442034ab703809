import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPatient } from '../server/patients/patients.queries.js'
import { clinicToday } from '../server/schedule/clinic-time.js'
import { insertChair } from '../server/schedule/settings.queries.js'
import { htmxSettled, type ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// The receptionist's schedule in a real Chromium over mutual TLS (issue 4, items 5 and 6):
// book a patient, move the appointment, be refused an overlapping one, mark the arrival —
// while a doctor's terminal sees the booking appear without reloading its page.

const STEP_MS = 120_000
const DESK_PASSWORD = 'Регистратура-утро-2026'
const DOC_PASSWORD = 'Кариес-не-пройдёт-2026'

let clinic: BrowserClinic<'desk' | 'chair', 'desk' | 'doc'>
let today: string

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'schedule-browser',
    devices: {
      desk: { name: 'reception-1', zone: 'reception' },
      chair: { name: 'surgery-1', zone: 'surgery' },
    },
    staff: {
      desk: { login: 'anna', fullName: 'Анна Регистратор', role: 'receptionist' },
      doc: { login: 'smirnova', fullName: 'Смирнова Елена Викторовна', role: 'doctor' },
    },
  })
  const { rt, now, config } = clinic
  const at = now().toISOString()
  await insertChair(rt.db, 'Кресло 1', at)
  await insertChair(rt.db, 'Кресло 2', at)
  for (const [surname, name, patronymic, card] of [
    ['Иванова', 'Мария', 'Петровна', '1001'],
    ['Петров', 'Олег', 'Ильич', '1002'],
  ] as const) {
    await insertPatient(rt.db, {
      card_number: card,
      surname,
      name,
      patronymic,
      sex: 'female',
      birth_date: '1985-04-12',
      phone: '+79161234567',
      phone_extra: null,
      email: null,
      address: null,
      snils: null,
      oms_policy: null,
      oms_insurer: null,
      dms_policy: null,
      dms_insurer: null,
      id_doc_type: null,
      id_doc_series: null,
      id_doc_number: null,
      id_doc_issued_by: null,
      id_doc_issued_on: null,
      guardian_id: null,
      guardian_relation: null,
      contact_channel: null,
      created_at: at,
      updated_at: at,
      created_by: null,
    })
  }
  today = clinicToday(now(), config.timeZone)
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('the receptionist runs the schedule', { timeout: STEP_MS }, () => {
  let desk: Page
  let chair: Page
  let watch: ConsoleWatch
  let chairWatch: ConsoleWatch

  beforeAll(async () => {
    ;({ page: desk, watch } = await openWatchedPage(clinic.contexts.desk))
    ;({ page: chair, watch: chairWatch } = await openWatchedPage(clinic.contexts.chair))
  })
  skipStepsAfterFailure()

  const panel = () => desk.locator('#schedule-panel')
  /** Waits for a panel partial and for htmx to have bound it. */
  const panelShows = async (selector: string) => {
    await panel().locator(selector).waitFor()
    await htmxSettled(desk)
  }
  const block = (page: Page, name: string) =>
    page.locator('#schedule-live').getByTestId('appointment').filter({ hasText: name })

  it('the doctor opens today’s schedule at the chair and leaves it open', async () => {
    await clinic.firstSignIn(chair, clinic.staff.doc, DOC_PASSWORD)
    await chair.goto(`${clinic.url}/schedule?date=${today}`)
    expect(await chair.getByRole('heading', { level: 1 }).textContent()).toContain('Расписание')
    await chair.evaluate('window.enamelNoReload = true')
  })

  it('the receptionist signs in and opens the schedule from the top bar', async () => {
    await clinic.firstSignIn(desk, clinic.staff.desk, DESK_PASSWORD)
    await desk.getByRole('link', { name: 'Расписание', exact: true }).click()
    await desk.waitForURL(`${clinic.url}/schedule`)
    expect(await desk.locator('thead').textContent()).toContain('Смирнова Елена Викторовна')
    await expectAccessible(desk, '/schedule')
  })

  it('books a patient found by a fragment of the surname, at 10:00 with Dr Smirnova', async () => {
    await desk.getByRole('link', { name: 'Записать пациента' }).click()
    await panelShows('#booking-form')
    await desk.locator('#patient-q').fill('иванов')
    await desk.getByRole('radio', { name: /Иванова М\. П\./ }).check()
    await desk.locator('#doctor_id').selectOption({ label: 'Смирнова Елена Викторовна' })
    await desk.locator('#chair_id').selectOption({ label: 'Кресло 1' })
    await desk.locator('#start').fill('10:00')
    await desk.locator('#duration').selectOption('30')
    await desk.getByLabel('Повод обращения (не диагноз)').fill('Болит зуб слева')
    await expectAccessible(desk, 'booking form')
    await desk.getByRole('button', { name: 'Записать', exact: true }).click()
    await panelShows('#appointment-card')
    expect(await panel().textContent()).toContain('Записан')
    // This terminal's grid refreshes itself from the response's HX-Trigger.
    await block(desk, 'Иванова М. П.').waitFor()
    expect(await block(desk, 'Иванова М. П.').textContent()).toContain('10:00–10:30')
  })

  it('the doctor’s open page shows the booking within seconds, without a reload', async () => {
    await block(chair, 'Иванова М. П.').waitFor({ timeout: 20_000 })
    expect(await chair.evaluate('window.enamelNoReload === true')).toBe(true)
  })

  it('moves the appointment to 11:00', async () => {
    await panel().getByRole('link', { name: 'Перенести или изменить длительность' }).click()
    await panelShows('#appointment-edit')
    await desk.locator('#start').fill('11:00')
    await desk.getByRole('button', { name: 'Перенести', exact: true }).click()
    await panelShows('#appointment-card')
    expect(await panel().textContent()).toContain('11:00–11:30')
    await expect.poll(() => block(desk, 'Иванова М. П.').textContent()).toContain('11:00–11:30')
  })

  it('is refused an overlapping appointment for the same doctor, with the time named', async () => {
    await desk.getByRole('link', { name: 'Записать пациента' }).click()
    await panelShows('#booking-form')
    await desk.locator('#patient-q').fill('Петров')
    await desk.getByRole('radio', { name: /Петров О\. И\./ }).check()
    await desk.locator('#doctor_id').selectOption({ label: 'Смирнова Елена Викторовна' })
    await desk.locator('#chair_id').selectOption({ label: 'Кресло 2' })
    await desk.locator('#start').fill('11:15')
    const [response] = await Promise.all([
      desk.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/schedule/appointments'),
      ),
      desk.getByRole('button', { name: 'Записать', exact: true }).click(),
    ])
    expect(response.status()).toBe(422)
    await expect
      .poll(() => desk.locator('#start-error').textContent())
      .toBe('Врач в это время уже занят: запись 11:00–11:30.')
    // The input is kept, and app.js puts the focus on the field with the error.
    expect(await desk.locator('#start').inputValue()).toBe('11:15')
    expect(await desk.evaluate('document.activeElement && document.activeElement.id')).toBe('start')
    await expectAccessible(desk, 'booking form with an overlap')
  })

  it('marks the arrival of the first patient from the grid', async () => {
    await block(desk, 'Иванова М. П.').click()
    await panelShows('#appointment-card')
    await desk.getByRole('button', { name: 'Пациент пришёл' }).click()
    await expect.poll(() => panel().locator('h2 .status').textContent()).toBe('Пришёл')
    await expect.poll(() => block(desk, 'Иванова М. П.').textContent()).toContain('Пришёл')
    const history = await panel().locator('.status-history').textContent()
    expect(history).toContain('Записан → Пришёл')
  })

  it('saw no CSP violation and no script error on either terminal', () => {
    for (const w of [watch, chairWatch]) {
      expect(w.cspViolations()).toEqual([])
      expect(w.pageErrors).toEqual([])
      // Only the network log of the expected 422 may remain.
      expect(w.errors.filter((m) => !m.includes('Failed to load resource'))).toEqual([])
    }
  })
})
