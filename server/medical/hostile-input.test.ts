import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { ORIGIN } from '../testing/test-app.js'
import { VISIT_TEXT_FIELDS } from './layout.js'
import { medicalClinic, visitForm, type MedicalClinic } from './medical-testing.js'

// Hostile input in every field: stored as text and escaped on output, or refused with 422.
// Never a 500, and a refused form saves nothing (no half-saved record, no stray revision).

const STORED = [
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1; DROP TABLE medical_entries; --",
  '{{constructor.constructor("alert(1)")()}}',
  '<div hx-get="/admin/staff" hx-trigger="load">',
]
const REFUSED = ['nul\u0000byte', 'bidi \u202Eevil', 'x'.repeat(10_001)]

type Browser = Awaited<ReturnType<MedicalClinic['as']>>

/** A POST whose body the test writes itself (repeated fields, multipart with a file). */
async function rawPost(
  t: MedicalClinic,
  b: Browser,
  path: string,
  body: string | FormData,
  type?: string,
) {
  const token = await b.csrfToken('/')
  const headers = new Headers({
    origin: ORIGIN,
    'x-csrf-token': token,
    cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; '),
  })
  if (type) headers.set('content-type', type)
  return t.app.request(`${ORIGIN}${path}`, { method: 'POST', headers, body }, {
    incoming: { socket: b.device.socket },
  } as never)
}

async function count(t: MedicalClinic) {
  return (await t.db.selectFrom('medical_entries').select('id').execute()).length
}

describe('hostile input', () => {
  it('visit records: every text field stores markup as text and refuses control characters and overlong text', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const path = `/patients/${t.anna}/medical/visits`
    let saved = 0
    for (const field of VISIT_TEXT_FIELDS) {
      for (const value of STORED) {
        const res = await doctor.post(path, visitForm(t.ids.doctor, { [field]: value }))
        expect(res.status, `${field}: ${value}`).toBe(303)
        saved++
        const page = await (await doctor.request(res.headers.get('location')!)).text()
        expect(page, field).not.toContain(
          value.startsWith('<') || value.startsWith('"') ? value : '\u0000',
        )
        if (value.includes('<')) expect(page).toContain('&lt;')
      }
      for (const value of REFUSED) {
        const res = await doctor.post(path, visitForm(t.ids.doctor, { [field]: value }))
        expect(res.status, `${field}: ${value.slice(0, 20)}`).toBe(422)
        const html = await res.text()
        expect(html).toContain('aria-invalid="true"')
      }
    }
    const bad: Record<string, string>[] = [
      { visit_date: '2026-13-45' },
      { visit_date: '2999-01-01' },
      { visit_date: '<script>' },
      { doctor_id: '1 OR 1=1' },
      { doctor_id: String(t.ids.receptionist) },
      { doctor_id: String(t.ids.assistant) },
      { diagnosis_code: 'K02.1<script>' },
      { diagnosis_code: 'Z99.9' },
      Object.fromEntries(VISIT_TEXT_FIELDS.map((f) => [f, ''])),
    ]
    for (const patch of bad) {
      const res = await doctor.post(path, {
        ...visitForm(t.ids.doctor),
        ...patch,
        diagnosis_code: patch.diagnosis_code ?? (patch.complaints === '' ? '' : 'K02.1'),
      })
      expect(res.status, JSON.stringify(patch)).toBe(422)
      expect(await res.text()).not.toContain('<script>')
    }
    // A field sent twice, or a file where text belongs: refused, not silently cut.
    const twice = new URLSearchParams({ ...visitForm(t.ids.doctor) })
    twice.append('complaints', 'второе значение')
    expect(
      (await rawPost(t, doctor, path, twice.toString(), 'application/x-www-form-urlencoded'))
        .status,
    ).toBe(422)
    const multipart = new FormData()
    for (const [k, v] of Object.entries(visitForm(t.ids.doctor)))
      if (k !== 'complaints') multipart.set(k, v)
    multipart.set('complaints', new Blob(['<script>'], { type: 'text/html' }), 'x.html')
    expect((await rawPost(t, doctor, path, multipart)).status).toBe(422)

    expect(await count(t)).toBe(saved)
    expect(await verifyAuditChain(t.db, t.services.keys.audit)).toMatchObject({ ok: true })
  })

  it('corrections, deletions, the title page, templates and the search: refused or escaped, never a 500', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const created = await doctor.post(`/patients/${t.anna}/medical/visits`, visitForm(t.ids.doctor))
    const base = created.headers.get('location')!
    await doctor.post(`${base}/sign`, { base_revision: '1' })
    const before = await count(t)
    for (const reason of ['', '   ', 'nul\u0000', 'r'.repeat(1001)]) {
      const form = { ...visitForm(t.ids.doctor), base_revision: '2', reason }
      expect((await doctor.post(`${base}/correct`, form)).status, reason.slice(0, 5)).toBe(422)
      expect((await doctor.post(`${base}/delete`, form)).status, reason.slice(0, 5)).toBe(422)
    }
    for (const revision of ['abc', '-1', '1e3', '99999999999']) {
      const form = {
        ...visitForm(t.ids.doctor),
        base_revision: revision,
        reason: 'Причина исправления',
      }
      expect((await doctor.post(`${base}/correct`, form)).status, revision).toBe(409)
      expect((await doctor.post(`${base}/sign`, form)).status, revision).toBe(409)
    }
    expect(await count(t)).toBe(before)

    const title = `/patients/${t.anna}/medical/title`
    for (const patch of [
      { blood_group: 'Z' },
      { rh: '<script>' },
      { allergies: 'a\u0000' },
      { allergies: 'a'.repeat(10_001) },
    ]) {
      const res = await doctor.post(title, {
        blood_group: '',
        rh: '',
        allergies: '',
        chronic_conditions: '',
        dispensary_conditions: '',
        base_revision: '0',
        ...patch,
      })
      expect(res.status, JSON.stringify(patch).slice(0, 40)).toBe(422)
    }
    expect(await t.db.selectFrom('medical_card_revisions').select('id').execute()).toEqual([])

    for (const name of ['', 'n'.repeat(201), 'a\u202Eb']) {
      expect((await doctor.post('/medical/templates', { name })).status).toBe(422)
    }
    expect(
      (await doctor.post('/medical/templates', { name: 'Ok', diagnosis_code: 'Q99' })).status,
    ).toBe(422)
    expect(await t.db.selectFrom('visit_templates').select('id').execute()).toEqual([])

    const search = await doctor.post('/medical/icd10', {
      icd_q: '<script>alert(1)</script>',
      diagnosis_code: '"><b>',
    })
    expect(search.status).toBe(200)
    expect(await search.text()).not.toContain('<script>alert')
    const compose = await doctor.post(`/patients/${t.anna}/medical/visits/compose`, {
      ...visitForm(t.ids.doctor, { complaints: '<script>x</script>' }),
      mode: 'edit',
      record_id: '<script>',
      icd_q: '"><script>',
      template: '1 OR 1=1',
      intent: 'template',
    })
    expect(compose.status).toBe(200)
    const html = await compose.text()
    expect(html).not.toContain('<script>x')
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;')
  })

  it('the chart: unknown codes, surfaces, degrees and junk ids are refused; notes are escaped', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const tooth = `/patients/${t.anna}/chart/teeth/36`
    const forms: Record<string, string>[] = [
      { base: '0', code: '<script>' },
      { base: '0', surface_M: 'evil' },
      { base: '0', mobility: '7' },
      { base: '0', mobility: 'II' },
      { base: '0', note: 'n\u0000' },
      { base: '0', note: 'n'.repeat(1001) },
      { base: '0', code: 'missing', surface_O: 'caries' },
    ]
    for (const form of forms) {
      const res = await doctor.post(tooth, form)
      expect(res.status, JSON.stringify(form).slice(0, 40)).toBe(422)
    }
    expect((await doctor.post(tooth, { base: 'abc', code: 'caries' })).status).toBe(409)
    for (const path of ['36%3Cscript%3E', '00', '19', '59', '-1']) {
      expect(
        (await doctor.post(`/patients/${t.anna}/chart/teeth/${path}`, { base: '0' })).status,
        path,
      ).toBe(404)
    }
    expect(await t.db.selectFrom('tooth_states').select('id').execute()).toEqual([])
    const ok = await doctor.post(tooth, {
      base: '0',
      code: 'caries',
      note: '<img src=x onerror=alert(1)>',
    })
    expect(ok.status).toBe(303)
    const chart = await (await doctor.request(`/patients/${t.anna}/chart`)).text()
    expect(chart).not.toContain('<img src=x')
    expect(chart).toContain('&lt;img src=x')
    expect(
      (await doctor.post(`/patients/${t.anna}/chart/sign`, { drafts: '1,<script>' })).status,
    ).toBe(409)
    expect(
      (await doctor.request(`/patients/${t.anna}/chart?at=<script>&dentition=<b>`)).status,
    ).toBe(200)
  })
})
