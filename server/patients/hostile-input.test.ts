import { beforeAll, describe, expect, it } from 'vitest'
import { samplePng } from '../files/test-files.js'
import { PATIENT_FIELDS } from './patient-form.js'
import {
  ADULT,
  postMultipart,
  reception,
  register,
  type Browser,
  type Reception,
} from './patients.fixtures.js'

// Hostile input in every field: stored and shown escaped, or refused with 422. Never a 500.

const SCRIPT = '<script>alert(1)</script>'
const ATTR = '"><img src=x onerror=alert(1)>'
const HOSTILE: Record<string, string> = {
  html: `<b>Жирный</b>${SCRIPT}`,
  attribute: ATTR,
  sql: "Robert'); DROP TABLE patients; --",
  control: 'a\u0000b\u0007c\u001b[31m\u202e',
  long: 'Ю'.repeat(10_000),
  htmx: '<div hx-get="/logout" hx-trigger="load">x</div>',
}

let t: Reception
let rita: Browser
let id: number

beforeAll(async () => {
  t = await reception()
  rita = await t.as('rita', 'reception')
  id = await register(rita)
})

function expectEscaped(html: string, where: string) {
  expect(html, where).not.toContain(SCRIPT)
  expect(html, where).not.toContain('<img src=x')
  expect(html, where).not.toContain('<b>Жирный</b>')
  expect(html, where).not.toContain('<div hx-get="/logout"')
}

describe('the patient form', () => {
  it('answers 303 or 422 for every hostile value in every field, and shows it escaped', async () => {
    const outcomes = new Set<number>()
    for (const field of PATIENT_FIELDS) {
      for (const [kind, value] of Object.entries(HOSTILE)) {
        const where = `${field} ← ${kind}`
        const res = await rita.post('/patients', {
          ...ADULT,
          confirm_duplicate: '1',
          [field]: value,
        })
        outcomes.add(res.status)
        expect([303, 422], where).toContain(res.status)
        const html =
          res.status === 303
            ? await (await rita.request(res.headers.get('location')!)).text()
            : await res.text()
        expectEscaped(html, where)
      }
    }
    expect([...outcomes].sort()).toEqual([303, 422])
    const stored = await t.db
      .selectFrom('patients')
      .select(['id', 'address'])
      .where('address', '=', HOSTILE.sql!)
      .executeTakeFirstOrThrow()
    expectEscaped(await (await rita.request(`/patients/${stored.id}/edit`)).text(), 'edit form')
    expect(await t.db.selectFrom('patients').select('id').execute()).not.toHaveLength(0)
  })

  it('the same on update', async () => {
    for (const field of PATIENT_FIELDS) {
      for (const value of Object.values(HOSTILE)) {
        const res = await rita.post(`/patients/${id}/update`, {
          ...ADULT,
          confirm_duplicate: '1',
          [field]: value,
        })
        expect([303, 422], field).toContain(res.status)
      }
    }
    expectEscaped(await (await rita.request(`/patients/${id}`)).text(), 'card')
  })
})

describe('other inputs', () => {
  it('search, notes, consents, uploads and templates never fail on hostile input', async () => {
    for (const value of Object.values(HOSTILE)) {
      const search = await rita.post('/patients/search', { q: value })
      expect(search.status).toBe(200)
      expectEscaped(await search.text(), 'search')
      const note = await rita.post(`/patients/${id}/notes/add`, { body: value })
      expect([303, 422]).toContain(note.status)
      for (const field of ['kind', 'given_on', 'signed_by']) {
        const consent = await rita.post(`/patients/${id}/consents/add`, {
          kind: 'marketing_sms',
          given_on: '2026-11-29',
          signed_by: 'patient',
          [field]: value,
        })
        expect([303, 422], field).toContain(consent.status)
        expectEscaped(await consent.text(), `consent ${field}`)
      }
      const upload = await postMultipart(
        t,
        rita,
        `/patients/${id}/documents/upload`,
        { kind: value },
        { field: 'file', name: 'x.png', bytes: samplePng() },
      )
      expect(upload.status).toBe(422)
      expectEscaped(await upload.text(), 'upload kind')
    }
    expectEscaped(await (await rita.request(`/patients/${id}/notes`)).text(), 'notes')
    expectEscaped(await (await rita.request(`/patients/${id}/export`)).text(), 'export')
  })

  it('an upload name cannot inject headers or markup: refused, nothing stored', async () => {
    const count = async () =>
      (
        await t.db
          .selectFrom('patient_documents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    const before = await count()
    const name = `"><script>x</script>\r\nSet-Cookie: a=b; 名.png`
    const res = await postMultipart(
      t,
      rita,
      `/patients/${id}/documents/upload`,
      { kind: 'passport' },
      { field: 'file', name, bytes: samplePng() },
    )
    // Control characters, quotes and brackets never make a file name (upload-check.ts).
    expect(res.status).toBe(422)
    expect(res.headers.get('set-cookie')).toBeNull()
    const page = await res.text()
    expectEscaped(page, 'refused upload')
    expect(page).not.toContain('<script>x</script>')
    expect(await count()).toBe(before)
  })

  it('an upload name outside ASCII is kept, and served in a safe Content-Disposition', async () => {
    const name = 'Паспорт; скан 名 (1).png'
    const res = await postMultipart(
      t,
      rita,
      `/patients/${id}/documents/upload`,
      { kind: 'passport' },
      { field: 'file', name, bytes: samplePng() },
    )
    expect(res.status).toBe(303)
    const doc = await t.db
      .selectFrom('patient_documents')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const file = await rita.request(`/patients/${id}/documents/${doc.id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('set-cookie')).toBeNull()
    const disposition = file.headers.get('content-disposition')!
    expect(disposition).not.toMatch(/[\r\n]/)
    expect(disposition).toMatch(/^inline; filename="[^"\\;]*"; filename\*=UTF-8''[^\s"';]+$/)
    expectEscaped(await (await rita.request(`/patients/${id}/documents`)).text(), 'documents')
  })
})
