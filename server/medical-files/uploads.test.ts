import { beforeAll, describe, expect, it } from 'vitest'
import {
  clinic,
  events,
  postMultipart,
  storedBlobs,
  type Browser,
  type Clinic,
} from '../plans/plan-fixtures.js'
import { checkContent } from './content-check.js'
import { storeMedicalFile } from './medical-files.service.js'
import { sampleDicom, sampleJpeg, samplePdf, samplePng } from './sample-files.js'
import { blobStoreFor } from './store.adapter.js'

// Hostile uploads: each is refused with 422 and leaves nothing behind (no row, no blob).

const MB = 1024 * 1024
let k: Clinic
let doctor: Browser

beforeAll(async () => {
  k = await clinic({ ENAMEL_UPLOAD_MAX_MB: '1' })
  doctor = await k.as('doctor', k.surgery)
})

const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)])
const svg = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
)
const jpegWithHtml = Buffer.concat([
  sampleJpeg(32, 32).subarray(0, -2),
  Buffer.from('<html><script>alert(1)</script></html>'),
  Buffer.from([0xff, 0xd9]),
])
const jpegWithPdf = (() => {
  const j = Buffer.from(sampleJpeg(32, 32))
  j.write('%PDF-1.4', 40, 'latin1')
  return j
})()
const pngWithZip = Buffer.concat([
  samplePng(16, 16),
  Buffer.from('PK\x03\x04zip-payload', 'latin1'),
])
const dicomWithExe = sampleDicom(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)]))
const pdfWithJs = samplePdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')
const pdfWithHiddenJs = samplePdf('/AA << /O << /S /J#61vaScript /JS (x) >> >>')

const cases: [string, string, string, Buffer, string][] = [
  ['a renamed .exe', 'xray', 'snimok.jpg', exe, 'Этот тип файла не принимается'],
  ['an SVG with a script', 'xray', 'tooth.png', svg, 'Этот тип файла не принимается'],
  ['a JPEG carrying a page', 'xray', 'pan.jpg', jpegWithHtml, 'посторонние данные'],
  ['a JPEG/PDF polyglot', 'xray', 'pan.jpg', jpegWithPdf, 'посторонние данные'],
  ['a PNG with an archive appended', 'xray', 'pan.png', pngWithZip, 'посторонние данные'],
  ['a DICOM with a program in its preamble', 'xray', 'IM0001', dicomWithExe, 'посторонние'],
  ['a PDF with JavaScript', 'lab', 'blood.pdf', pdfWithJs, 'посторонние данные'],
  ['a PDF with escaped JavaScript', 'lab', 'blood.pdf', pdfWithHiddenJs, 'посторонние'],
  ['a lab PDF uploaded as an X-ray', 'xray', 'blood.pdf', samplePdf(), 'не принимается'],
  ['a path in the name', 'xray', '../../etc/passwd.jpg', sampleJpeg(32, 32), 'имя файла'],
  ['a Windows path in the name', 'xray', '..\\..\\boot.ini.jpg', sampleJpeg(32, 32), 'имя'],
  ['a control character in the name', 'xray', 'a\u0000.jpg', sampleJpeg(32, 32), 'имя'],
  ['a JPEG named .exe', 'xray', 'setup.exe', sampleJpeg(32, 32), 'Расширение'],
  ['an empty file', 'xray', 'empty.jpg', Buffer.alloc(0), 'пустой'],
  ['a file just over the limit', 'xray', 'big.jpg', Buffer.alloc(MB + 1, 1), 'больше 1 МБ'],
]

describe('medical file uploads: refusals', () => {
  it.each(cases)(
    '%s is refused with 422 and stores nothing',
    async (_l, kind, name, bytes, msg) => {
      const res = await postMultipart(
        k,
        doctor,
        `/patients/${k.patientA}/files`,
        { kind },
        {
          field: 'file',
          name,
          bytes,
        },
      )
      expect(res.status).toBe(422)
      expect(await res.text()).toContain(msg)
      expect(await k.db.selectFrom('medical_files').select('id').execute()).toEqual([])
      expect(await k.db.selectFrom('files').select('id').execute()).toEqual([])
      expect(storedBlobs(k)).toEqual([])
    },
  )

  it('a body far over the limit is stopped before the route (413), storing nothing', async () => {
    const res = await postMultipart(
      k,
      doctor,
      `/patients/${k.patientA}/files`,
      { kind: 'xray' },
      {
        field: 'file',
        name: 'huge.jpg',
        bytes: Buffer.alloc(3 * MB, 1),
      },
    )
    expect(res.status).toBe(413)
    expect(storedBlobs(k)).toEqual([])
  })

  it('a refused upload is recorded as a failed attempt, never a 500', async () => {
    const failed = (await events(k, 'medical_file.upload')).filter((e) => e.outcome === 'failed')
    expect(failed.length).toBe(cases.length)
    const res = await postMultipart(k, doctor, `/patients/${k.patientA}/files`, {
      kind: '<script>',
      taken_on: '2026-02-30',
      description: 'a\u0007b',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).not.toContain('<script>')
    expect(html).toContain('Выберите, что это за файл')
  })
})

describe('a failed transaction', () => {
  it('removes the blobs it wrote, so nothing is half-saved', async () => {
    const s = k.services
    const file = {
      ok: true as const,
      format: 'jpeg' as const,
      name: 'x.jpg',
      bytes: sampleJpeg(64, 64),
    }
    const input = {
      patientId: 999_999,
      kind: 'xray' as const,
      file,
      description: '',
      takenOn: null,
    }
    const actor = { staffId: 1, deviceId: k.surgery.id, zone: 'surgery' }
    const deps = { store: blobStoreFor(s), auditKey: s.keys.audit, now: s.now() }
    // No such patient: the foreign key fails the transaction after both blobs were written.
    await expect(storeMedicalFile(s.db, deps, actor, input)).rejects.toThrow(/FOREIGN KEY/)
    expect(storedBlobs(k)).toEqual([])
    expect(await k.db.selectFrom('files').select('id').execute()).toEqual([])
  })
})

describe('content check', () => {
  it('accepts each real format where it belongs', () => {
    expect(checkContent(sampleJpeg(16, 16), ['jpeg'])).toEqual({ ok: true, format: 'jpeg' })
    expect(checkContent(samplePng(16, 16), ['png'])).toEqual({ ok: true, format: 'png' })
    expect(checkContent(samplePdf(), ['pdf'])).toEqual({ ok: true, format: 'pdf' })
    expect(checkContent(sampleDicom(), ['dicom'])).toEqual({ ok: true, format: 'dicom' })
  })

  it('calls a truncated PNG damaged, not a polyglot', () => {
    const png = samplePng(16, 16)
    expect(checkContent(png.subarray(0, png.length - 20), ['png'])).toEqual({
      ok: false,
      problem: 'damaged',
    })
  })
})
