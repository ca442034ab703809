import { beforeAll, describe, expect, it } from 'vitest'
import { doctorStatement } from '../billing/payroll.service.js'
import { createI18n } from '../i18n/i18n.js'
import { clinic, type Browser, type Clinic } from '../plans/plan-fixtures.js'
import { seedMonth, SURNAMES, type MonthFixture } from './analytics.fixtures.js'
import { reportCsv } from './format.js'
import { attendanceByMonth, patientsByMonth } from './clinic.queries.js'
import { monthBounds, parsePeriod, type Period } from './period.js'
import type { ReportId } from './report.js'
import { buildReport } from './reports.service.js'

// Every number below was worked out by hand from analytics.fixtures.ts (November 2026, Moscow,
// UTC+3: the month runs from 2026-10-31T21:00Z to 2026-11-30T21:00Z).

let k: Clinic
let f: MonthFixture
let owner: Browser
const NOV: Period = { from: '2026-11-01', to: '2026-11-30' }
const TZ = 'Europe/Moscow'

beforeAll(async () => {
  k = await clinic({ ENAMEL_TIMEZONE: TZ, ENAMEL_LOCALE: 'ru' })
  f = await seedMonth(k, k.office.id)
  owner = await k.as('owner', k.office)
})

const report = (id: ReportId, period = NOV) => buildReport({ db: k.db, period, timeZone: TZ }, id)

/** The body as sent: Response#text() would drop the byte-order mark Excel needs. */
const bytesText = async (res: Response) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())

const analyticsEvents = () =>
  k.db
    .selectFrom('audit_events')
    .select(['action', 'category', 'patient_id', 'details', 'outcome'])
    .where('action', 'like', 'analytics.%')
    .orderBy('id')
    .execute()

describe('who may see the analytics', () => {
  const urls = ['/analytics', '/analytics/export.csv?report=revenue_day', '/analytics/month']

  it('refuses reception and chair terminals, even to the owner, and every other role', async () => {
    const cases = [
      ['owner', k.surgery],
      ['owner', k.reception],
      ['anna', k.reception],
      ['doctor', k.surgery],
      ['doctor', k.office],
      ['assistant', k.surgery],
      ['anna', k.office],
    ] as const
    for (const [login, device] of cases) {
      const b = await k.as(login, device)
      for (const url of urls) {
        const res = await b.request(url)
        expect(res.status, `${login} ${device.zone} ${url}`).toBe(403)
        expect(await res.text()).not.toContain('Итого')
      }
    }
    expect(await analyticsEvents()).toEqual([])
  })

  it('sends a terminal without a login to the login page', async () => {
    const res = await k.browser(k.office).request('/analytics')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('/login')
  })
})

describe('the numbers (hand-computed fixture)', () => {
  it('revenue by day: accrued (services − reversals) beside received (payments − refunds)', async () => {
    const r = await report('revenue_day')
    expect(r.rows).toEqual([
      ['2026-11-01', 90000, 90000], // s2 (1 000 − 100 discount) | p2 card
      ['2026-11-02', 450000, 450000], // s1 | p1 cash
      ['2026-11-03', -90000, -90000], // s4 reverses s2 | p3 refunds p2
      ['2026-11-04', 1560100, 1000000], // s3 2 × 7 800,50 | p4 transfer
      ['2026-11-10', 0, 560100], // — | p5 card
      ['2026-11-16', 450000, 450000], // s5 | p6 cash
      ['2026-11-30', 100000, 0], // s7 (last day counts; s8 on 1 Dec does not)
    ])
    expect(r.total).toEqual([null, 2560100, 2460100])
  })

  it('revenue by month across a month boundary', async () => {
    const r = await report('revenue_month', { from: '2026-10-31', to: '2026-12-01' })
    expect(r.rows).toEqual([
      ['2026-10', 100000, 100000], // s6 | p7
      ['2026-11', 2560100, 2460100],
      ['2026-12', 100000, 100000], // s8 | p8
    ])
  })

  it('revenue by doctor and by service', async () => {
    expect((await report('revenue_doctor')).rows).toEqual([
      ['Test doctor', 3, 2010100], // s1 + s2 − s4 + s3 (qty 1 + 1 − 1 + 2)
      ['Test doctor2', 2, 550000], // s5 + s7
    ])
    const s = await report('revenue_service')
    expect(s.rows).toEqual([
      ['A16.07.008.001 Лечение пульпита, один канал', 2, 1560100],
      ['A16.07.002.001 Лечение кариеса, пломба', 2, 900000],
      ['B01.065.001 Осмотр стоматолога', 1, 100000], // s2 − s4 + s7
    ])
    expect(s.total).toEqual([null, 5, 2560100])
  })

  it('money received by method', async () => {
    const r = await report('cash_method')
    expect(r.rows).toEqual([
      ['analytics.method.cash', 900000, 0, 900000], // p1 + p6
      ['analytics.method.card', 650100, 90000, 560100], // p2 + p5 − p3
      ['analytics.method.transfer', 1000000, 0, 1000000], // p4
    ])
    expect(r.total).toEqual([null, 2550100, 90000, 2460100])
  })

  it("doctors' pay, the same as billing's payroll statements", async () => {
    const r = await report('doctor_pay')
    // doctor: s1 30 % × 4 500 = 1 350; s2 30 % × 900 = 270; s4 takes back 270; s3 under r2
    // (fixed 2 000 from 4 Nov) × 2 = 4 000 → 5 350. doctor2: s5 on 16 Nov has no rule yet
    // (r4 from 20 Nov) → 0; s7 25 % × 1 000 = 250.
    expect(r.rows).toEqual([
      ['Test doctor', 2010100, 535000],
      ['Test doctor2', 550000, 25000],
    ])
    expect(r.total).toEqual([null, 2560100, 560000])
    const s1 = await doctorStatement(k.db, f.doctor1, '2026-11')
    const s2 = await doctorStatement(k.db, f.doctor2, '2026-11')
    expect([s1?.payTotal, s2?.payTotal]).toEqual([535000, 25000])
  })

  it('chair utilisation from the working hours', async () => {
    const r = await report('utilisation')
    // Кресло 1 open: five Mondays 09–18 (doctor 09–15 ∪ doctor2 12–18 = 540) except 9 Nov,
    // the doctor's day off (doctor2 alone, 360): 4 × 540 + 360 = 2 520; four Wednesdays
    // 09–13: 960 → 3 480. Booked: a2 60 + a3 60 + a6 45 + a8 60 + a10 (no-show) 30 = 255.
    // Кресло 2 open: Fridays 10–16 except 13 Nov (doctor2 off): 3 × 360 = 1 080; booked a4
    // (no-show) 90; a5 is cancelled. Tuesday hours name no chair and do not count.
    expect(r.rows).toEqual([
      ['Кресло 1', 3480, 255, 255 / 3480],
      ['Кресло 2', 1080, 90, 90 / 1080],
    ])
    expect(r.total).toEqual([null, 4560, 345, 345 / 4560])
  })

  it('new and returning patients, month boundaries in Moscow time', async () => {
    // November: P1 (a2; first a1 in October) returning, P2 (a3, 1 Nov 01:00 local) new,
    // P3 (a4 no-show) new, P5 (a6; her September booking was cancelled) new, P6 (a8) new,
    // P7 (a10; first in 2025) returning. P4 only cancelled: not counted.
    const nov = await report('patients')
    expect(nov.rows).toEqual([['2026-11', 4, 2, 6]])
    expect(nov.total).toEqual([null, 4, 2, 6])
    // October: a1 and a9 (31 Oct 23:00 local), both P1, whose first visit is a1: new.
    const oct = await report('patients', { from: '2026-10-01', to: '2026-10-31' })
    expect(oct.rows).toEqual([['2026-10', 1, 0, 1]])
    // Two days across the boundary: P1 on 31 Oct (a9) had a1 before the period: returning;
    // P2 on 1 Nov (a3) new.
    const edge = await report('patients', { from: '2026-10-31', to: '2026-11-01' })
    expect(edge.rows).toEqual([
      ['2026-10', 0, 1, 1],
      ['2026-11', 1, 0, 1],
    ])
    expect(edge.total).toEqual([null, 1, 1, 2])
  })

  it('no-shows and cancellations over all appointments', async () => {
    const r = await report('attendance')
    // a2 a3 a4 a5 a6 a8 a10 = 7; no-shows a4 a10; cancelled a5. a7 (1 Dec local), a9 (31 Oct
    // local) are outside.
    expect(r.rows).toEqual([['2026-11', 7, 2, 2 / 7, 1, 1 / 7]])
    const oct = await report('attendance', { from: '2026-10-01', to: '2026-10-31' })
    expect(oct.rows).toEqual([['2026-10', 2, 0, 0, 0, 0]])
  })

  it('plan acceptance: proposed, accepted, done, cancelled', async () => {
    const r = await report('plans')
    // Plans of November: pl1, pl2, pl3 (1 Nov 00:30 local), pl5; pl4 is October's.
    // Offered: 5 500 + 15 601 + 4 500 + 5 500 = 31 101. Ever accepted: pl1, pl3, pl5 at their
    // items not cancelled: 4 500 + 0 + 5 500 = 10 000. Done: pl1; done items i1 + i6 = 5 500.
    expect(r.rows).toEqual([
      ['analytics.stage.proposed', 4, 1, 3110100],
      ['analytics.stage.accepted', 3, 0.75, 1000000],
      ['analytics.stage.done', 1, 0.25, 550000],
      ['analytics.stage.cancelled', 1, 0.25, 450000],
    ])
  })

  it('diagnoses: distinct patients, final signed only, codes under 5 patients never shown', async () => {
    const r = await report('diagnoses')
    // K02.1: P1–P6 (P6 through the corrected record; P7's record was deleted) = 6.
    // K04.0: P1–P5 = 5 (P7's is a draft, P6's was corrected, P6's October one is outside).
    // K05.1 (4 patients) and K08.1 (1) are suppressed.
    expect(r.rows).toEqual([
      ['K02.1', 6],
      ['K04.0', 5],
    ])
    expect(r.total).toBeUndefined()
  })

  it('materials used', async () => {
    const r = await report('stock')
    // Composite: procedures 2,5 + 1,5 − 1,5 (reversal) = 2,5 g; write-off 0,5; stock-take
    // and December are not consumption. Anaesthetic: 1 + 2 carpules (31 Oct is October).
    // Gloves only arrived.
    expect(r.rows).toEqual([
      ['Анестетик Ультракаин', 'analytics.unit.carpule', 3000, 0, 3000],
      ['Композит Filtek', 'analytics.unit.g', 2500, 500, 3000],
    ])
  })
})

describe('the month of a timestamp, with and without a fixed zone offset', () => {
  it('gives the same counts by offset (Moscow) and by month starts (zones with DST)', async () => {
    for (const p of [
      NOV,
      { from: '2026-10-31', to: '2026-11-01' },
      { from: '2025-01-01', to: '2026-12-31' },
    ]) {
      const fixed = monthBounds(p, TZ)
      expect(fixed.offsetMinutes).toBe(180)
      const general = { ...fixed, offsetMinutes: undefined }
      expect(await patientsByMonth(k.db, general)).toEqual(await patientsByMonth(k.db, fixed))
      expect(await attendanceByMonth(k.db, general)).toEqual(await attendanceByMonth(k.db, fixed))
    }
    expect(
      monthBounds({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Berlin').offsetMinutes,
    ).toBeUndefined()
  })
})

describe('the period', () => {
  it('reads months and dates, refuses the rest', () => {
    const now = new Date('2026-11-30T21:30:00Z') // 1 Dec 00:30 in Moscow
    expect(parsePeriod({}, now, TZ)).toEqual({
      ok: true,
      period: { from: '2026-12-01', to: '2026-12-31' },
      month: '2026-12',
    })
    expect(parsePeriod({ month: '2026-02' }, now, TZ)).toMatchObject({
      period: { from: '2026-02-01', to: '2026-02-28' },
    })
    expect(parsePeriod({ from: '2026-11-01', to: '2026-11-30' }, now, TZ)).toMatchObject({
      month: '2026-11',
    })
    for (const bad of [
      { month: '2026-13' },
      { from: '2026-11-31', to: '2026-12-01' },
      { from: '2026-12-02', to: '2026-12-01' },
      { from: '2026-11-01' },
    ]) {
      expect(parsePeriod(bad, now, TZ).ok, JSON.stringify(bad)).toBe(false)
    }
    expect(parsePeriod({ from: '2020-01-01', to: '2026-01-01' }, now, TZ)).toEqual({
      ok: false,
      error: 'analytics.error.too_long',
    })
  })
})

describe('the pages', () => {
  it('shows every report with its table, chart data and CSV link, and no patient', async () => {
    const res = await owner.request('/analytics?month=2026-11')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    for (const name of SURNAMES) expect(html).not.toContain(name)
    for (const p of f.patients) expect(html).not.toContain(`/patients/${p}`)
    expect(html.match(/<table class="data-table analytics-table"/g)).toHaveLength(12)
    expect(html.match(/<canvas aria-hidden="true" data-chart=/g)).toHaveLength(12)
    expect(html).toContain('/static/vendor/chart.umd.min.js')
    expect(html).toContain('/static/charts.js')
    expect(html).toContain(
      '/analytics/export.csv?report=diagnoses&amp;from=2026-11-01&amp;to=2026-11-30',
    )
    const text = html.replace(/[\s\u00a0\u202f]/g, ' ')
    expect(text).toContain('25 601,00 ₽') // accrued in November
    expect(text).toContain('24 601,00 ₽') // received
    expect(text).toContain('28,6 %') // no-show rate 2 / 7
    expect(text).toContain('58 ч 0 мин') // Кресло 1 open 3 480 minutes
    expect(html).toContain('K02.1')
    expect(html).not.toContain('K05.1')
    expect(html).not.toContain('K08.1')
    expect(html).toContain('href="/analytics/month?month=2026-11"')
  })

  it('records one view, without a patient, with the period', async () => {
    const before = (await analyticsEvents()).length
    await owner.request('/analytics?from=2026-10-31&to=2026-11-01')
    const after = await analyticsEvents()
    expect(after.slice(before)).toEqual([
      {
        action: 'analytics.view',
        category: 'analytics',
        patient_id: null,
        details: JSON.stringify({ from: '2026-10-31', to: '2026-11-01' }),
        outcome: 'ok',
      },
    ])
  })

  it('refuses a bad period with 422, keeps the input, shows no numbers and records nothing', async () => {
    const before = (await analyticsEvents()).length
    const res = await owner.request('/analytics?from=2026-12-05&to=2026-12-01')
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="2026-12-05"')
    expect(html).toContain('Укажите месяц или две даты')
    expect(html).not.toContain('analytics-table')
    expect((await analyticsEvents()).length).toBe(before)
  })

  it('exports a report as CSV: BOM, ";" for Russian Excel, decimals with a comma', async () => {
    const res = await owner.request(
      '/analytics/export.csv?report=revenue_day&from=2026-11-01&to=2026-11-30',
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="enamel-revenue_day-2026-11-01-2026-11-30.csv"',
    )
    expect(await bytesText(res)).toBe(
      '\uFEFF' +
        [
          'Дата;"Оказано, ₽";"Получено, ₽"',
          '2026-11-01;900,00;900,00',
          '2026-11-02;4500,00;4500,00',
          '2026-11-03;-900,00;-900,00',
          '2026-11-04;15601,00;10000,00',
          '2026-11-10;0,00;5601,00',
          '2026-11-16;4500,00;4500,00',
          '2026-11-30;1000,00;0,00',
          'Итого;25601,00;24601,00',
          '',
        ].join('\r\n'),
    )
    const last = (await analyticsEvents()).at(-1)
    expect(last).toMatchObject({
      action: 'analytics.export',
      category: 'analytics',
      patient_id: null,
    })
    expect(JSON.parse(last!.details)).toEqual({
      format: 'csv',
      report: 'revenue_day',
      from: '2026-11-01',
      to: '2026-11-30',
    })
  })

  it('exports the other reports with the same numbers, suppression included', async () => {
    const csv = (id: ReportId) =>
      owner.request(`/analytics/export.csv?report=${id}&month=2026-11`).then(bytesText)
    expect(await csv('diagnoses')).toBe('\uFEFFКод МКБ-10;Пациентов\r\nK02.1;6\r\nK04.0;5\r\n')
    expect(await csv('attendance')).toBe(
      '\uFEFFМесяц;Записей;Неявки;Доля неявок (%);Отмены;Доля отмен (%)\r\n' +
        '2026-11;7;2;28,6;1;14,3\r\nИтого;7;2;28,6;1;14,3\r\n',
    )
    expect(await csv('utilisation')).toBe(
      '\uFEFFКресло;Рабочее время (h);Занято записями (h);Загрузка (%)\r\n' +
        'Кресло 1;58;4,25;7,3\r\nКресло 2;18;1,5;8,3\r\nИтого;76;5,75;7,6\r\n',
    )
    expect(await csv('stock')).toBe(
      '\uFEFFМатериал;Ед.;На процедуры;Списано;Всего израсходовано\r\n' +
        'Анестетик Ультракаин;карп.;3;0;3\r\nКомпозит Filtek;г;2,5;0,5;3\r\n',
    )
    // English: comma-separated, decimal point.
    const en = reportCsv(await report('cash_method'), createI18n('en', TZ))
    expect(en).toBe(
      '\uFEFFMethod,"Payments, RUB","Refunds, RUB","Net, RUB"\r\n' +
        'Cash,9000.00,0.00,9000.00\r\nCard,6501.00,900.00,5601.00\r\n' +
        'Transfer,10000.00,0.00,10000.00\r\nTotal,25501.00,900.00,24601.00\r\n',
    )
  })

  it('refuses an unknown report and a bad period in the export', async () => {
    expect((await owner.request('/analytics/export.csv?report=patients_list')).status).toBe(404)
    expect(
      (await owner.request('/analytics/export.csv?report=stock&from=2026-11-01&to=x')).status,
    ).toBe(422)
  })

  it('closes a month on one page: revenue, money by method, pay, materials', async () => {
    const res = await owner.request('/analytics/month?month=2026-11')
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const name of SURNAMES) expect(html).not.toContain(name)
    const summary = /data-testid="month-summary">(.*?)<\/dl>/s
      .exec(html)![1]!
      .replace(/<[^>]+>/g, '|')
      .replace(/[\s\u00a0\u202f]/g, ' ')
    expect(summary).toContain('25 601,00 ₽') // accrued
    expect(summary).toContain('24 601,00 ₽') // received
    expect(summary).toContain('5 600,00 ₽') // pay 5 350 + 250
    // Materials at average purchase cost (stock's month report): 3 g × 50 + 3 × 60 = 330.
    expect(summary).toContain('330,00 ₽')
    for (const id of ['revenue_day', 'revenue_doctor', 'cash_method', 'doctor_pay', 'stock']) {
      expect(html).toContain(`id="report-${id}"`)
    }
    expect(html).toContain('href="/payroll?month=2026-11"')
    expect(html).toContain('href="/stock/report?month=2026-11"')
    expect((await analyticsEvents()).at(-1)).toMatchObject({
      action: 'analytics.month',
      patient_id: null,
      details: JSON.stringify({ month: '2026-11' }),
    })
  })
})

describe("the owner's home page", () => {
  it('links to closing the month for the owner at the office only', async () => {
    const home = async (login: 'owner' | 'doctor', device: typeof k.office) =>
      (await (await k.as(login, device)).request('/')).text()
    expect(await home('owner', k.office)).toContain('href="/analytics/month"')
    expect(await home('owner', k.surgery)).not.toContain('/analytics')
    expect(await home('doctor', k.surgery)).not.toContain('/analytics')
  })
})
