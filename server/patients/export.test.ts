import { beforeAll, describe, expect, it } from 'vitest'
import { samplePng } from '../files/test-files.js'
import { registerExportSection } from './export.registry.js'
import {
  events,
  postMultipart,
  reception,
  register,
  type Browser,
  type Reception,
} from './patients.fixtures.js'

// The data-subject request: everything held, readable and as JSON; medical parts only for
// someone with medical.read at this terminal.

const MARKER = 'МЕДИЦИНСКАЯ-ТАЙНА-7f3a'

registerExportSection({
  name: 'test.medical',
  title: 'patients.export.section.visits',
  permission: 'medical.read',
  load: async ({ patientId }) => [{ patient: patientId, diagnosis: MARKER }],
})

let t: Reception
let rita: Browser
let id: number

beforeAll(async () => {
  t = await reception()
  rita = await t.as('rita', 'reception')
  id = await register(rita)
  await rita.post(`/patients/${id}/notes/add`, { body: 'Предпочитает вечер' })
  await rita.post(`/patients/${id}/consents/add`, {
    kind: 'marketing_sms',
    given_on: '2026-11-01',
    signed_by: 'patient',
  })
  await postMultipart(
    t,
    rita,
    `/patients/${id}/documents/upload`,
    { kind: 'passport' },
    { field: 'file', name: 'p.png', bytes: samplePng() },
  )
  const at = '2026-01-01T00:00:00.000Z'
  const chair = await t.db
    .insertInto('chairs')
    .values({ name: 'Кресло 1', active: 1, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('appointments')
    .values({
      patient_id: id,
      doctor_id: t.staff.dima,
      chair_id: chair.id,
      starts_at: '2026-10-05T07:00:00.000Z',
      ends_at: '2026-10-05T08:00:00.000Z',
      status: 'done',
      reason: 'Профосмотр',
      created_at: at,
      updated_at: at,
    } as never)
    .execute()
})

describe('export', () => {
  it('is refused to those without patients.export', async () => {
    const dima = await t.as('dima', 'surgery')
    expect((await dima.request(`/patients/${id}/export`)).status).toBe(403)
  })

  it('at the reception desk: a readable page with every non-medical section, and says what it left out', async () => {
    const res = await rita.request(`/patients/${id}/export`)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const text of [
      'Карта пациента',
      'Смирнова',
      '+79161234567',
      'Предпочитает вечер',
      'marketing_sms',
      'p.png',
      'Визиты',
      '2026-10-05T07:00:00.000Z',
      'Test dima',
      'Журнал обращений к данным',
      'patient.create',
    ]) {
      expect(html, text).toContain(text)
    }
    const sha = (await t.db.selectFrom('files').select('sha256').executeTakeFirstOrThrow()).sha256
    expect(html).toContain(sha)
    expect(html).not.toContain(MARKER)
    expect(html).not.toContain('Профосмотр')
    expect(html).toContain('Медицинские разделы не включены')
    const exported = (await events(t, 'patient.export')).at(-1)!
    expect(exported).toMatchObject({ patient_id: id, category: 'contacts' })
    expect(JSON.parse(exported.details)).toMatchObject({ format: 'html', omitted: 'test.medical' })
  })

  it('as JSON: an attachment with the same sections, the omitted ones named', async () => {
    const res = await rita.request(`/patients/${id}/export.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="patient-${id}-export.json"`,
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    const bundle = (await res.json()) as {
      sections: Record<string, unknown>
      omitted_sections: string[]
    }
    expect(Object.keys(bundle.sections)).toEqual([
      'card',
      'notes',
      'consents',
      'documents',
      'visits',
      'access_log',
    ])
    expect(bundle.omitted_sections).toEqual(['test.medical'])
    expect(bundle.sections.card).toMatchObject({
      surname: 'Смирнова',
      snils: '11223344595',
      guardian_card_number: null,
    })
  })

  it('by the owner at the office: with the medical parts', async () => {
    const olga = await t.as('olga', 'office')
    const bundle = (await (await olga.request(`/patients/${id}/export.json`)).json()) as {
      sections: Record<string, unknown>
      omitted_sections: string[]
    }
    expect(bundle.omitted_sections).toEqual([])
    expect(JSON.stringify(bundle.sections['test.medical'])).toContain(MARKER)
  })
})
