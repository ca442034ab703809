import { beforeAll, describe, expect, it } from 'vitest'
import { samplePng } from '../files/test-files.js'
import { events, postMultipart, reception, register, type Reception } from './patients.fixtures.js'

// Refusals first (DESIGN.md §7): who may not see or change what, and ids that are not theirs.

let t: Reception
let alena: number
let boris: number
let alenaDoc: number
let alenaConsent: number

beforeAll(async () => {
  t = await reception()
  const rita = await t.as('rita', 'reception')
  alena = await register(rita)
  boris = await register(rita, {
    surname: 'Борисов',
    name: 'Борис',
    patronymic: '',
    sex: 'male',
    phone: '+7 903 000-00-01',
  })
  const up = await postMultipart(
    t,
    rita,
    `/patients/${alena}/documents/upload`,
    { kind: 'passport' },
    { field: 'file', name: 'p.png', bytes: samplePng() },
  )
  expect(up.status).toBe(303)
  alenaDoc = (await t.db.selectFrom('patient_documents').select('id').executeTakeFirstOrThrow()).id
  expect(
    (
      await rita.post(`/patients/${alena}/consents/add`, {
        kind: 'pd_processing',
        given_on: '2026-11-29',
        signed_by: 'patient',
      })
    ).status,
  ).toBe(303)
  alenaConsent = (await t.db.selectFrom('consents').select('id').executeTakeFirstOrThrow()).id
})

describe('without a login', () => {
  it('sends pages to the sign-in form and refuses posts', async () => {
    const b = t.browser(t.devices.reception)
    const page = await b.request(`/patients/${alena}`)
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/login')
    const search = await b.post('/patients/search', { q: 'Смирнова' })
    expect(search.status).not.toBe(200)
    expect(await search.text()).not.toContain('Смирнова')
  })
})

describe('a doctor at the reception desk', () => {
  it('sees the card and notes but no scans, no export, and cannot register or edit', async () => {
    const dima = await t.as('dima', 'reception')
    expect((await dima.request(`/patients/${alena}`)).status).toBe(200)
    for (const path of [
      `/patients/${alena}/documents`,
      `/patients/${alena}/documents/${alenaDoc}/file`,
      `/patients/${alena}/export`,
      `/patients/${alena}/export.json`,
      '/patients/new',
      `/patients/${alena}/edit`,
      `/patients/${alena}/consents/${alenaConsent}/scan`,
    ]) {
      expect((await dima.request(path)).status, path).toBe(403)
    }
    expect((await dima.post('/patients', { surname: 'Х' })).status).toBe(403)
    const upload = await postMultipart(
      t,
      dima,
      `/patients/${alena}/documents/upload`,
      { kind: 'passport' },
      { field: 'file', name: 'p.png', bytes: samplePng() },
    )
    expect(upload.status).toBe(403)
    const card = await (await dima.request(`/patients/${alena}`)).text()
    expect(card).not.toContain(`/patients/${alena}/documents`)
    expect(card).not.toContain(`/patients/${alena}/export`)
  })
})

describe('an assistant', () => {
  it('may look a patient up but not see notes, scans or consents forms, nor change anything', async () => {
    const asya = await t.as('asya', 'surgery')
    expect(
      (await asya.post('/patients/search', { q: 'Смирн' }, { 'hx-request': 'true' })).status,
    ).toBe(200)
    for (const path of [
      `/patients/${alena}/notes`,
      `/patients/${alena}/documents`,
      `/patients/${alena}/export`,
      `/patients/${alena}/consents/print/pd_processing`,
      '/marketing/birthdays',
    ]) {
      expect((await asya.request(path)).status, path).toBe(403)
    }
    expect((await asya.post(`/patients/${alena}/update`, { surname: 'Взлом' })).status).toBe(403)
    expect((await asya.post(`/patients/${alena}/notes/add`, { body: 'x' })).status).toBe(403)
    expect(
      (await asya.post(`/patients/${alena}/consents/add`, { kind: 'marketing_sms' })).status,
    ).toBe(403)
    const row = await t.db
      .selectFrom('patients')
      .select('surname')
      .where('id', '=', alena)
      .executeTakeFirstOrThrow()
    expect(row.surname).toBe('Смирнова')
  })
})

describe('a receptionist whose owner denied her scans and exports', () => {
  it('is refused those, and each refusal is in the audit trail', async () => {
    await t.deny('rosa', 'patients.documents.read')
    await t.deny('rosa', 'patients.export')
    const rosa = await t.as('rosa', 'reception')
    expect((await rosa.request(`/patients/${alena}`)).status).toBe(200)
    expect((await rosa.request(`/patients/${alena}/documents`)).status).toBe(403)
    expect((await rosa.request(`/patients/${alena}/documents/${alenaDoc}/file`)).status).toBe(403)
    expect((await rosa.request(`/patients/${alena}/export.json`)).status).toBe(403)
    const denied = (await events(t, 'access.denied')).filter((e) => e.staff_id === t.staff.rosa)
    expect(denied.map((e) => JSON.parse(e.details).permission)).toEqual([
      'patients.documents.read',
      'patients.documents.read',
      'patients.export',
    ])
    const consents = await (await rosa.request(`/patients/${alena}/consents`)).text()
    expect(consents).not.toContain('/scan')
  })
})

describe('ids in paths (IDOR)', () => {
  it('answers 404 for unknown, malformed and foreign ids, the same way', async () => {
    const rita = await t.as('rita', 'reception')
    for (const path of [
      '/patients/999999',
      '/patients/abc',
      '/patients/1e3',
      '/patients/-1',
      '/patients/01',
      `/patients/${alena}x`,
      '/patients/99999999999999999999',
      `/patients/${boris}/documents/${alenaDoc}`,
      `/patients/${boris}/documents/${alenaDoc}/file`,
      `/patients/${alena}/documents/abc/file`,
      `/patients/${boris}/consents/${alenaConsent}/scan`,
      `/patients/${alena}/consents/print/other`,
      '/patients/999999/export.json',
    ]) {
      const res = await rita.request(path)
      expect(res.status, path).toBe(404)
    }
    expect(
      (
        await rita.post(`/patients/${boris}/consents/${alenaConsent}/withdraw`, {
          withdrawn_on: '2026-11-29',
        })
      ).status,
    ).toBe(404)
    expect((await rita.post(`/patients/${boris}/documents/${alenaDoc}/remove`)).status).toBe(404)
    expect((await rita.post('/patients/999999/update', { surname: 'X' })).status).toBe(404)
    // Nothing of the other patient leaked into the refusals.
    const res = await rita.request(`/patients/${boris}/documents/${alenaDoc}/file`)
    expect(await res.text()).not.toContain('Смирнова')
  })

  it('never takes a search through the URL', async () => {
    const rita = await t.as('rita', 'reception')
    const res = await rita.request('/patients/search?q=Смирнова')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('Вениаминовна')
    const page = await (await rita.request('/patients')).text()
    expect(page).toMatch(/<form[^>]*method="post"[^>]*action="\/patients\/search"/)
  })
})
