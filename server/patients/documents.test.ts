import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { hostileFiles, samplePdf, samplePng } from '../files/test-files.js'
import {
  events,
  postMultipart,
  reception,
  register,
  storedFiles,
  type Browser,
  type Reception,
} from './patients.fixtures.js'

// Identity-document scans: refused uploads leave nothing; stored ones are encrypted, served
// with safe headers, verified on every read and every view is audited.

let t: Reception
let rita: Browser
let id: number

beforeAll(async () => {
  t = await reception({ ENAMEL_UPLOAD_MAX_MB: '1' })
  rita = await t.as('rita', 'reception')
  id = await register(rita)
})

const upload = (bytes: Uint8Array, name: string, kind = 'passport', b = rita) =>
  postMultipart(
    t,
    b,
    `/patients/${id}/documents/upload`,
    { kind },
    { field: 'file', name, bytes, type: 'image/png' },
  )

const rows = async () => ({
  documents: await t.db.selectFrom('patient_documents').selectAll().execute(),
  files: await t.db.selectFrom('files').selectAll().execute(),
  blobs: storedFiles(t),
})

describe('uploads: refusals first', () => {
  it('refuses a renamed .exe, an SVG, HTML, polyglots and a PDF with scripts: 422, nothing stored', async () => {
    for (const [what, bytes] of Object.entries(hostileFiles())) {
      const res = await upload(bytes, `scan-${what}.png`)
      expect(res.status, what).toBe(422)
      expect(await res.text(), what).toContain('Это не JPEG, PNG или PDF.')
    }
    expect(await rows()).toEqual({ documents: [], files: [], blobs: [] })
    const failed = (await events(t, 'patient.document.upload')).filter(
      (e) => e.outcome === 'failed',
    )
    expect(failed).toHaveLength(Object.keys(hostileFiles()).length)
    expect(failed.every((e) => e.patient_id === id && e.category === 'documents')).toBe(true)
  })

  it('refuses a file over the size limit, no file, and an unknown kind', async () => {
    const big = Buffer.concat([
      samplePdf().subarray(0, 9),
      Buffer.alloc(1024 * 1024 + 10, 0x20),
      Buffer.from('\n%%EOF\n'),
    ])
    const res = await upload(big, 'big.pdf')
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Файл больше 1 МБ.')
    expect(
      (await postMultipart(t, rita, `/patients/${id}/documents/upload`, { kind: 'passport' }))
        .status,
    ).toBe(422)
    expect((await upload(samplePng(), 'p.png', 'selfie')).status).toBe(422)
    expect(await rows()).toEqual({ documents: [], files: [], blobs: [] })
  })
})

describe('a passport scan', () => {
  let docId: number

  it('is stored encrypted, with its SHA-256', async () => {
    const res = await upload(samplePng(), 'Паспорт Смирновой.png')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/patients/${id}/documents?done=uploaded`)
    const { documents, files, blobs } = await rows()
    expect(documents).toHaveLength(1)
    docId = documents[0]!.id
    expect(files[0]).toMatchObject({
      media_type: 'image/png',
      key_id: 'files-v1',
      size: samplePng().length,
    })
    expect(blobs).toHaveLength(1)
    const onDisk = readFileSync(path.join(t.dataDir, 'files', blobs[0]!))
    expect(onDisk.subarray(0, 4).toString()).toBe('ENMF')
    expect(onDisk.includes(samplePng().subarray(8, 40))).toBe(false)
    const list = await (await rita.request(`/patients/${id}/documents`)).text()
    expect(list).toContain('Паспорт Смирновой.png')
  })

  it('is served inline with its real type, nosniff, a sandboxing CSP and no caching; each view audited', async () => {
    const before = (await events(t, 'patient.document.view')).length
    const res = await rita.request(`/patients/${id}/documents/${docId}/file`)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(samplePng())
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/)
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="_______ _________.png"; filename*=UTF-8''${encodeURIComponent('Паспорт Смирновой.png')}`,
    )
    await rita.request(`/patients/${id}/documents/${docId}/file`)
    const views = (await events(t, 'patient.document.view')).slice(before)
    expect(views).toHaveLength(2)
    expect(views[0]).toMatchObject({
      patient_id: id,
      category: 'documents',
      outcome: 'ok',
      staff_id: t.staff.rita,
    })
    const page = await (await rita.request(`/patients/${id}/documents/${docId}`)).text()
    expect(page).toContain(
      `<img class="document-image" src="/patients/${id}/documents/${docId}/file"`,
    )
  })

  it('names a PDF .pdf whatever it was called, and frames it for the card', async () => {
    const res = await upload(samplePdf('policy'), 'policy.exe', 'oms_policy')
    expect(res.status).toBe(303)
    const doc = await t.db
      .selectFrom('patient_documents')
      .select('id')
      .where('kind', '=', 'oms_policy')
      .executeTakeFirstOrThrow()
    const file = await rita.request(`/patients/${id}/documents/${doc.id}/file`)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="policy\.pdf"/)
    expect(file.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(await (await rita.request(`/patients/${id}/documents/${doc.id}`)).text()).toContain(
      '<iframe',
    )
  })

  it('is refused, not shown, once the file on disk was altered', async () => {
    const { files } = await rows()
    const png = files.find((f) => f.media_type === 'image/png')!
    const blob = path.join(t.dataDir, 'files', png.address.slice(0, 2), png.address)
    const original = readFileSync(blob)
    const altered = Buffer.from(original)
    altered[altered.length - 30]! ^= 0xff
    writeFileSync(blob, altered)
    const res = await rita.request(`/patients/${id}/documents/${docId}/file`)
    expect(res.status).toBe(500)
    const body = await res.text()
    expect(body).toContain('Файл повреждён или изменён на диске')
    expect(body).not.toContain('PNG')
    const last = (await events(t, 'patient.document.view')).at(-1)!
    expect(last.outcome).toBe('failed')
    writeFileSync(blob, original)
    expect((await rita.request(`/patients/${id}/documents/${docId}/file`)).status).toBe(200)
  })

  it('can be taken out of the card, and is then not found', async () => {
    expect((await rita.post(`/patients/${id}/documents/${docId}/remove`)).status).toBe(303)
    expect((await rita.request(`/patients/${id}/documents/${docId}/file`)).status).toBe(404)
    expect(await (await rita.request(`/patients/${id}/documents`)).text()).not.toContain(
      'Паспорт Смирновой.png',
    )
  })
})
