import jpeg from 'jpeg-js'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { sampleDicom, sampleJpeg, samplePdf } from '../medical-files/sample-files.js'
import {
  clinic,
  postMultipart,
  seedPrices,
  storedBlobs,
  type Browser,
  type Clinic,
} from './plan-fixtures.js'

// A doctor's visit at the chair: a plan from the price list, accepted, ИДС signed and scanned,
// an X-ray and a lab PDF, a thumbnail. Every read leaves exactly one audit event.

let k: Clinic
let doctor: Browser
let prices: Record<string, number>
let base: string

const text = async (res: Response) => (await res.text()).replace(/[\u00a0\u202f]/g, ' ')

/** Runs one read and checks it produced exactly one audit event, of this action. */
async function oneRead(action: string, read: () => Promise<Response>) {
  const before = await k.db.selectFrom('audit_events').select('id').execute()
  const res = await read()
  const added = await k.db
    .selectFrom('audit_events')
    .select(['action', 'patient_id', 'category', 'details'])
    .where('id', '>', before.length)
    .execute()
  expect(added.map((e) => e.action)).toEqual([action])
  expect(added[0]!.category).toBe('medical')
  return { res, event: added[0]! }
}

beforeAll(async () => {
  k = await clinic()
  prices = await seedPrices(k)
  doctor = await k.as('doctor', k.surgery)
})

describe('a treatment plan at the chair', () => {
  it('is built from the price list with stages, teeth and totals', async () => {
    const list = await oneRead('plan.list', () => doctor.request(`/patients/${k.patientA}/plans`))
    expect(list.res.status).toBe(200)
    const created = await doctor.post(`/patients/${k.patientA}/plans`, { title: 'Санация' })
    expect(created.status).toBe(303)
    base = created.headers.get('location')!
    expect((await doctor.post(`${base}/stages`, { title: 'Терапия' })).status).toBe(303)
    const stage = await k.db.selectFrom('plan_stages').select('id').executeTakeFirstOrThrow()
    const add = (code: string, tooth: string, quantity = '1', stage_id = String(stage.id)) =>
      doctor.post(`${base}/items`, {
        price_item_id: String(prices[code]),
        tooth,
        quantity,
        stage_id,
      })
    expect((await add('A16.07.002.001', '36')).status).toBe(303)
    expect((await add('A16.07.008.001', '26')).status).toBe(303)
    expect((await add('B01.065.001', '', '2', '')).status).toBe(303)
    const bad = await add('B01.065.001', '19')
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('Номер зуба по FDI')
    const { res, event } = await oneRead('plan.open', () => doctor.request(base))
    expect(event.patient_id).toBe(k.patientA)
    const html = await text(res)
    expect(html).toContain('Лечение кариеса, пломба')
    expect(html).toContain('Предложен')
    // 4500 + 7800,50 + 2 × 1000
    expect(html).toContain('14 300,50 ₽')
    expect(html).toContain('12 300,50 ₽') // the stage
  })

  it('is accepted, and a later price change leaves it as quoted', async () => {
    expect((await doctor.post(`${base}/status`, { status: 'accepted', reason: '' })).status).toBe(
      303,
    )
    const owner = await k.as('owner', k.office)
    const id = prices['A16.07.002.001']
    const changed = await owner.post(`/admin/prices/items/${id}`, {
      group_id: '1',
      name: 'Лечение кариеса, пломба',
      price: '5000',
      active: '1',
    })
    expect(changed.status).toBe(303)
    const history = await k.db
      .selectFrom('price_item_prices')
      .select('price_kopecks')
      .where('price_item_id', '=', id!)
      .execute()
    expect(history.map((h) => h.price_kopecks)).toEqual([450000, 500000])
    const html = await text(await doctor.request(base))
    expect(html).toContain('Принят')
    expect(html).toContain('4 500,00 ₽')
    expect(html).toContain('14 300,50 ₽')
  })

  it('moves items on with history; cancelling needs a reason', async () => {
    const [first, second] = await k.db.selectFrom('plan_items').select('id').orderBy('id').execute()
    expect(
      (
        await doctor.post(`${base}/items/${first!.id}/status`, {
          status: 'in_progress',
          reason: '',
        })
      ).status,
    ).toBe(303)
    const noReason = await doctor.post(`${base}/items/${second!.id}/status`, {
      status: 'cancelled',
      reason: '',
    })
    expect(noReason.status).toBe(422)
    expect(await text(noReason)).toContain('Укажите причину отмены')
    expect(
      (
        await doctor.post(`${base}/items/${second!.id}/status`, {
          status: 'cancelled',
          reason: 'Пациент отказался',
        })
      ).status,
    ).toBe(303)
    const back = await doctor.post(`${base}/items/${second!.id}/status`, {
      status: 'accepted',
      reason: '',
    })
    expect(back.status).toBe(422)
    const html = await text(await doctor.request(base))
    expect(html).toContain('В работе') // the plan followed its first item
    expect(html).toContain('Пациент отказался')
    expect(html).toContain('6 500,00 ₽') // the pulpitis item no longer counts
    const rows = await k.db
      .selectFrom('plan_status_changes')
      .select('status')
      .where('item_id', '=', second!.id)
      .execute()
    expect(rows.map((r) => r.status)).toEqual(['proposed', 'accepted', 'cancelled'])
  })

  it('prints for the patient, audited as a print', async () => {
    const { res } = await oneRead('plan.print', () => doctor.request(`${base}/print`))
    const html = await text(res)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('class="print-doc"')
    expect(html).toContain('Общая стоимость: 6 500,00 ₽')
    expect(html).not.toContain('Лечение пульпита')
  })

  it('escapes hostile text and refuses what it cannot take, never with a 500', async () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const res = await doctor.post(`/patients/${k.patientA}/plans`, { title: hostile })
    const page = await text(await doctor.request(res.headers.get('location')!))
    expect(page).not.toContain(hostile)
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const long = await doctor.post(`/patients/${k.patientA}/plans`, { title: 'x'.repeat(5000) })
    expect(long.status).toBe(422)
    const weird = await doctor.post(`${base}/status`, { status: 'done\u0000', reason: 'a\nb' })
    expect(weird.status).toBe(422)
  })

  it('shows no money to an assistant, who plans but does not quote', async () => {
    const assistant = await k.as('assistant', k.surgery)
    const html = await text(await assistant.request(base))
    expect(html).toContain('Лечение кариеса, пломба')
    expect(html).not.toContain('₽')
  })
})

describe('ИДС', () => {
  it('prints from the template with the patient and the intervention', async () => {
    const item = await k.db
      .selectFrom('plan_items')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const { res } = await oneRead('plan.ids_print', () =>
      doctor.request(`${base}/ids/print?template=1&item=${item.id}`),
    )
    const html = await text(res)
    expect(html).toContain('Иванова Мария')
    expect(html).toContain('Лечение кариеса, пломба (зуб 36)')
    expect(html).toContain('323-ФЗ')
    expect(html).not.toContain('{intervention}')
  })

  it('is recorded as signed, with a date and a scan', async () => {
    const res = await postMultipart(
      k,
      doctor,
      `${base}/ids`,
      { template_id: '1', item_id: '', signed_on: '2026-11-29', signer: 'patient' },
      { field: 'scan', name: 'ids.pdf', bytes: samplePdf() },
    )
    expect(res.status).toBe(303)
    const consent = await k.db.selectFrom('plan_consents').selectAll().executeTakeFirstOrThrow()
    expect(consent).toMatchObject({ signer: 'patient', signed_on: '2026-11-29', template_id: 1 })
    const scan = await k.db
      .selectFrom('medical_files')
      .selectAll()
      .where('id', '=', consent.scan_id!)
      .executeTakeFirstOrThrow()
    expect(scan).toMatchObject({ kind: 'consent_scan', format: 'pdf', patient_id: k.patientA })
    const html = await text(await doctor.request(base))
    expect(html).toContain('подписано 29.11.2026')
    const future = await postMultipart(k, doctor, `${base}/ids`, {
      template_id: '1',
      signed_on: '2027-01-01',
      signer: 'patient',
    })
    expect(future.status).toBe(422)
  })

  it('for a child is signed by the representative named on the card', async () => {
    const created = await doctor.post(`/patients/${k.child}/plans`, {
      title: 'Герметизация фиссур',
    })
    const childPlan = created.headers.get('location')!
    const page = await text(await doctor.request(childPlan))
    expect(page).toContain('нет 15 лет')
    expect(page).toContain('value="Иванова Мария"')
    const asPatient = await postMultipart(k, doctor, `${childPlan}/ids`, {
      template_id: '1',
      signed_on: '2026-11-29',
      signer: 'patient',
    })
    expect(asPatient.status).toBe(422)
    expect(await text(asPatient)).toContain('не было 15 лет')
    const ok = await postMultipart(k, doctor, `${childPlan}/ids`, {
      template_id: '1',
      signed_on: '2026-11-29',
      signer: 'representative',
      representative_name: 'Иванова Мария',
      representative_relation: 'мать',
    })
    expect(ok.status).toBe(303)
  })
})

describe('medical files', () => {
  const files = () => `/patients/${k.patientA}/files`
  const xray = sampleJpeg(1200, 600)

  it('takes an X-ray, a lab PDF and a DICOM study, encrypted at rest', async () => {
    const up = (kind: string, name: string, bytes: Buffer) =>
      postMultipart(
        k,
        doctor,
        files(),
        { kind, description: 'ОПТГ', taken_on: '2026-11-20' },
        { field: 'file', name, bytes },
      )
    expect((await up('xray', 'optg.jpg', xray)).status).toBe(303)
    expect((await up('lab', 'анализ крови.pdf', samplePdf())).status).toBe(303)
    expect((await up('xray', 'IM000001', sampleDicom())).status).toBe(303)
    const rows = await k.db
      .selectFrom('medical_files')
      .select(['kind', 'format', 'thumbnail_file_id'])
      .where('kind', '!=', 'consent_scan')
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.kind, r.format, r.thumbnail_file_id !== null])).toEqual([
      ['xray', 'jpeg', true],
      ['lab', 'pdf', false],
      ['xray', 'dicom', false],
    ])
    for (const name of storedBlobs(k)) {
      const blob = readFileSync(path.join(k.dataDir, 'files', name))
      expect(blob.includes(Buffer.from('%PDF'))).toBe(false)
      expect(blob.includes(Buffer.from('DICM'))).toBe(false)
    }
  })

  it('lists with thumbnails; each view of a thumbnail or an original is one event', async () => {
    const { res } = await oneRead('medical_file.list', () => doctor.request(files()))
    const html = await text(res)
    const x = await k.db
      .selectFrom('medical_files')
      .select('id')
      .where('format', '=', 'jpeg')
      .executeTakeFirstOrThrow()
    expect(html).toContain(`src="${files()}/${x.id}/thumbnail"`)
    expect(html).toContain('Рентгенограмма')
    const thumb = await oneRead('medical_file.view', () =>
      doctor.request(`${files()}/${x.id}/thumbnail`),
    )
    expect(thumb.res.headers.get('content-type')).toBe('image/jpeg')
    expect(JSON.parse(thumb.event.details)).toMatchObject({
      medical_file: x.id,
      variant: 'thumbnail',
    })
    const decoded = jpeg.decode(new Uint8Array(await thumb.res.arrayBuffer()), { useTArray: true })
    expect([decoded.width, decoded.height]).toEqual([320, 160])
    const original = await oneRead('medical_file.view', () => doctor.request(`${files()}/${x.id}`))
    expect(Buffer.from(await original.res.arrayBuffer()).equals(xray)).toBe(true)
    expect(original.res.headers.get('content-security-policy')).toContain('sandbox')
    const dicom = await k.db
      .selectFrom('medical_files')
      .select('id')
      .where('format', '=', 'dicom')
      .executeTakeFirstOrThrow()
    const dcm = await oneRead('medical_file.view', () => doctor.request(`${files()}/${dicom.id}`))
    expect(dcm.res.headers.get('content-disposition')).toBe(
      `attachment; filename="xray-${dicom.id}.dcm"`,
    )
    expect((await doctor.request(`${files()}/${dicom.id}/thumbnail`)).status).toBe(404)
  })
})

describe('the record', () => {
  it('cannot be rewritten, even in SQL, and the audit chain holds', async () => {
    for (const table of ['plan_items', 'plan_status_changes', 'medical_files', 'plan_consents']) {
      await expect(sql`update ${sql.table(table)} set id = id`.execute(k.db)).rejects.toThrow(
        /append-only/,
      )
      await expect(sql`delete from ${sql.table(table)}`.execute(k.db)).rejects.toThrow(
        /append-only/,
      )
    }
    expect(await verifyAuditChain(k.db, k.services.keys.audit)).toMatchObject({ ok: true })
  })
})
