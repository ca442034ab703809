import { beforeAll, describe, expect, it } from 'vitest'
import { hostileFiles, samplePng } from '../files/test-files.js'
import {
  events,
  postMultipart,
  reception,
  register,
  storedFiles,
  type Browser,
  type Reception,
} from './patients.fixtures.js'

// 152-ФЗ consents: processing and each marketing channel apart, withdrawal, printable forms
// from versioned templates the owner edits, and mailing lists that honour them.

let t: Reception
let rita: Browser
let adult: number
let child: number

beforeAll(async () => {
  t = await reception()
  rita = await t.as('rita', 'reception')
  adult = await register(rita, { card_number: 'A-1' })
  child = await register(rita, {
    name: 'Маша',
    birth_date: '2016-02-10',
    phone: '',
    guardian_card: 'A-1',
    guardian_relation: 'мать',
    id_doc_type: 'birth_certificate',
    id_doc_series: 'II-МЮ',
    id_doc_issued_on: '2016-03-01',
  })
})

const consent = (id: number, fields: Record<string, string>, scan?: Uint8Array) =>
  postMultipart(
    t,
    rita,
    `/patients/${id}/consents/add`,
    { kind: 'pd_processing', given_on: '2026-11-29', signed_by: 'patient', ...fields },
    scan && { field: 'scan', name: 'consent.png', bytes: scan },
  )

describe('recording consents: refusals first', () => {
  it('refuses a scan that is not an image or PDF, and records nothing', async () => {
    const res = await consent(adult, {}, hostileFiles()['renamed .exe'])
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Это не JPEG, PNG или PDF.')
    expect(await t.db.selectFrom('consents').selectAll().execute()).toEqual([])
    expect(storedFiles(t)).toEqual([])
    // The refusal is in the audit trail, with its reason and no claim of a record.
    const refused = await events(t, 'patient.consent.record')
    expect(refused).toHaveLength(1)
    expect(refused[0]).toMatchObject({ outcome: 'failed', patient_id: adult, category: 'consents' })
    expect(JSON.parse(refused[0]!.details)).toMatchObject({ kind: 'pd_processing' })
  })

  it('refuses a future date, an unknown kind, and a child signing for themselves', async () => {
    expect((await consent(adult, { given_on: '2026-12-01' })).status).toBe(422)
    expect((await consent(adult, { kind: 'marketing_pigeon' })).status).toBe(422)
    const res = await consent(child, {})
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/id="consent-signed_by-error"[^>]*>Пациенту младше 15 лет/)
  })
})

describe('the processing consent and marketing consents', () => {
  it('records the processing consent with its scan and the text version', async () => {
    expect((await consent(adult, {}, samplePng())).status).toBe(303)
    const row = await t.db
      .selectFrom('consents')
      .innerJoin('consent_templates', 'consent_templates.id', 'consents.template_id')
      .select([
        'consents.kind',
        'consents.given_on',
        'consents.file_id',
        'consent_templates.version',
      ])
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ kind: 'pd_processing', given_on: '2026-11-29', version: 1 })
    expect(row.file_id).not.toBeNull()
    const page = await (await rita.request(`/patients/${adult}/consents`)).text()
    expect(page).toMatch(/data-consent="pd_processing">действует с 29\.11\.2026/)
    expect(page).toContain('/scan')
    expect((await consent(adult, {})).status).toBe(422)
    const recorded = (await events(t, 'patient.consent.record')).filter((e) => e.outcome === 'ok')
    expect(recorded[0]).toMatchObject({ patient_id: adult, category: 'consents' })
    expect(JSON.parse(recorded[0]!.details)).toMatchObject({
      kind: 'pd_processing',
      version: 1,
      scan: true,
    })
  })

  it('keeps each marketing channel apart, and withdraws one with its date', async () => {
    expect((await consent(adult, { kind: 'marketing_sms', given_on: '2026-11-01' })).status).toBe(
      303,
    )
    expect((await consent(adult, { kind: 'marketing_email', given_on: '2026-11-01' })).status).toBe(
      303,
    )
    const sms = await t.db
      .selectFrom('consents')
      .select('id')
      .where('kind', '=', 'marketing_sms')
      .executeTakeFirstOrThrow()
    const early = await rita.post(`/patients/${adult}/consents/${sms.id}/withdraw`, {
      withdrawn_on: '2026-10-01',
    })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('Дата отзыва раньше даты согласия.')
    expect(
      (
        await rita.post(`/patients/${adult}/consents/${sms.id}/withdraw`, {
          withdrawn_on: '2026-11-29',
        })
      ).status,
    ).toBe(303)
    expect(
      (
        await rita.post(`/patients/${adult}/consents/${sms.id}/withdraw`, {
          withdrawn_on: '2026-11-29',
        })
      ).status,
    ).toBe(422)
    const page = await (await rita.request(`/patients/${adult}/consents`)).text()
    expect(page).toMatch(
      /data-consent="marketing_sms">отозвано 29\.11\.2026 \(действовало с 01\.11\.2026\)/,
    )
    expect(page).toMatch(/data-consent="marketing_email">действует с 01\.11\.2026/)
    expect(page).toMatch(/data-consent="marketing_messenger">не получено/)
    expect((await events(t, 'patient.consent.withdraw'))[0]).toMatchObject({
      patient_id: adult,
      category: 'consents',
    })
  })

  it('prints a filled form in Russian; a child’s names the legal representative', async () => {
    const res = await rita.request(`/patients/${child}/consents/print/pd_processing`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Согласие на обработку персональных данных')
    expect(html).toContain('Я, Смирнова Маша Вениаминовна, дата рождения 10.02.2016')
    expect(html).toContain(
      'действующий(ая) как законный представитель пациента: Смирнова Алёна Вениаминовна',
    )
    expect(html).toContain('Свидетельство о рождении II-МЮ 123456')
    expect(html).toContain('Enamel clinic')
    expect((await events(t, 'patient.consent.print'))[0]).toMatchObject({
      patient_id: child,
      category: 'consents',
    })
  })
})

describe('consent templates', () => {
  it('are edited only by the owner, at the office', async () => {
    expect((await rita.request('/admin/consent-templates')).status).toBe(403)
    expect(
      (await rita.post('/admin/consent-templates/marketing', { title: 'x', body: 'y' })).status,
    ).toBe(403)
    const ownerAtDesk = await t.as('olga', 'reception')
    expect((await ownerAtDesk.request('/admin/consent-templates')).status).toBe(403)
  })

  it('make a new version; signed consents keep theirs; the text is shown escaped', async () => {
    const olga = await t.as('olga', 'office')
    const page = await (await olga.request('/admin/consent-templates')).text()
    expect(page).toContain('Действующая редакция 1')
    const bad = await olga.post('/admin/consent-templates/pd_processing', {
      title: '',
      body: 'x\u0007',
    })
    expect(bad.status).toBe(422)
    const body = 'Я, {patient}, согласен. <script>alert(1)</script>\n\nДата: {date}'
    const ok = await olga.post('/admin/consent-templates/pd_processing', {
      title: 'Согласие (ред. 2)',
      body,
    })
    expect(ok.headers.get('location')).toBe('/admin/consent-templates?saved=2')
    const same = await olga.post('/admin/consent-templates/pd_processing', {
      title: 'Согласие (ред. 2)',
      body,
    })
    expect(same.headers.get('location')).toBe('/admin/consent-templates?unchanged=1')
    const printed = await (
      await rita.request(`/patients/${adult}/consents/print/pd_processing`)
    ).text()
    expect(printed).toContain(
      'Я, Смирнова Алёна Вениаминовна, согласен. &lt;script&gt;alert(1)&lt;/script&gt;',
    )
    expect(printed).toContain('Дата: 29.11.2026')
    expect(printed).not.toContain('<script>alert')
    const history = await (await rita.request(`/patients/${adult}/consents`)).text()
    expect(history).toContain('редакция 1')
    expect(await events(t, 'consent_template.create')).toHaveLength(1)
  })
})
