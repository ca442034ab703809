import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { ru } from '../i18n/messages.js'
import { sampleJpeg, samplePdf, samplePng } from '../medical-files/sample-files.js'
import {
  crawl,
  fuzzClinic,
  plausible,
  sendMultipart,
  type Browser,
  type FuzzClinic,
} from '../testing/fuzz/fuzz-clinic.js'
import { decodeEntities, type FoundForm } from '../testing/fuzz/html-scan.js'

// Hostile uploads on every upload form the app offers (found by crawling the pages each role
// reaches, so a new upload route is covered without edits): wrong magic bytes, polyglots,
// SVG with script, oversized files and bodies, path traversal and control characters in
// names. Each must be refused with a 4xx that names the file's problem, and leave nothing
// behind: no row in any table, no blob on disk, no audit event claiming a success. A valid
// file through the same form must then be accepted, so the refusals are about the file.

const MB = 1024 * 1024
const VOLATILE = new Set(['audit_events', 'sessions', 'login_failures', 'devices'])

/** A digest of every table but the ones every request touches, and the blob files on disk. */
async function snapshot(k: FuzzClinic) {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
    order by name`.execute(k.db)
  const h = createHash('sha256')
  for (const { name } of tables.rows) {
    if (VOLATILE.has(name) || name.startsWith('kysely_')) continue
    const rows = await sql`select * from ${sql.table(name)}`.execute(k.db)
    h.update(name).update(
      rows.rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join('\n'),
    )
  }
  const dir = path.join(k.dataDir, 'files')
  const blobs = existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => statSync(path.join(dir, f)).isFile())
        .sort()
    : []
  return { digest: h.digest('hex'), blobs }
}

async function lastAuditId(k: FuzzClinic): Promise<number> {
  const r = await k.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst()
  return Number(r?.m ?? 0)
}

// Messages that name a file's problem, from every catalogue (a new upload route reuses them or
// adds its own under a *file*/*document*/*scan* key), plus the body-limit refusal.
const FILE_MESSAGES = Object.entries(ru)
  .filter(
    ([key]) =>
      key === 'error.too_large' ||
      /(file|document|scan|upload)[\w.]*\.error\.|\.error\.[\w.]*(file|scan|upload)/.test(key),
  )
  .map(([, text]) => text.split('{')[0]!.trim())
  .filter((text) => text.length >= 6)

function namesFileProblem(html: string): boolean {
  const text = decodeEntities(html)
  return FILE_MESSAGES.some((m) => text.includes(m))
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

const SCRIPT = '<html><body><script>alert(document.cookie)</script></body></html>'
const jpeg = sampleJpeg(64, 48)
const png = samplePng(64, 48)
const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(300)])
const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(300)])
const zip = Buffer.from(
  'PK\x03\x04\x14\x00\x00\x00\x08\x00META-INF/MANIFEST.MFPK\x05\x06',
  'latin1',
)

/** What must be refused, each with the name and Content-Type the attacker chose. */
const HOSTILE_FILES: [string, string, string, Buffer][] = [
  ['a .png name with a Windows program', 'scan.png', 'image/png', exe],
  ['a .jpg name with a Linux program', 'scan.jpg', 'image/jpeg', elf],
  [
    'a GIF (GIFAR: GIF with a Java archive appended)',
    'scan.jpg',
    'image/jpeg',
    Buffer.concat([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), zip]),
  ],
  ['a JPEG with a Java archive appended', 'scan.jpg', 'image/jpeg', Buffer.concat([jpeg, zip])],
  [
    'a JPEG with a page and script appended',
    'scan.jpg',
    'image/jpeg',
    Buffer.concat([jpeg, Buffer.from(SCRIPT)]),
  ],
  [
    'a JPEG with a page in a comment segment past the first kilobyte',
    'scan.jpg',
    'image/jpeg',
    (() => {
      const comment = Buffer.from('A'.repeat(1500) + SCRIPT, 'latin1')
      const len = Buffer.alloc(2)
      len.writeUInt16BE(comment.length + 2)
      return Buffer.concat([
        jpeg.subarray(0, 2),
        Buffer.from([0xff, 0xfe]),
        len,
        comment,
        jpeg.subarray(2),
      ])
    })(),
  ],
  [
    'a JPEG that a PDF reader also opens (%PDF- in the first kilobyte)',
    'scan.jpg',
    'image/jpeg',
    (() => {
      const j = Buffer.from(jpeg)
      j.write('%PDF-1.4', 40, 'latin1')
      return j
    })(),
  ],
  ['a PNG with a ZIP archive after IEND', 'scan.png', 'image/png', Buffer.concat([png, zip])],
  [
    'a PNG with a page in a text chunk past the first kilobyte',
    'scan.png',
    'image/png',
    (() => {
      const iend = png.length - 12
      const text = pngChunk('tEXt', Buffer.from(`Comment\0${'B'.repeat(1500)}${SCRIPT}`, 'latin1'))
      return Buffer.concat([png.subarray(0, iend), text, png.subarray(iend)])
    })(),
  ],
  [
    'a PDF carrying a page past the first kilobyte',
    'scan.pdf',
    'application/pdf',
    samplePdf(`/Padding (${'C'.repeat(1500)}) ${SCRIPT}`),
  ],
  [
    'a PDF with JavaScript',
    'scan.pdf',
    'application/pdf',
    samplePdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
  ],
  [
    'an SVG with a script, named .png and sent as image/png',
    'tooth.png',
    'image/png',
    Buffer.from(
      `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
    ),
  ],
  [
    'an SVG that starts with blank lines',
    'tooth.png',
    'image/png',
    Buffer.from(`\n\n   <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`),
  ],
  [
    'an HTML page named .pdf',
    'scan.pdf',
    'application/pdf',
    Buffer.from(`<!doctype html>${SCRIPT}`),
  ],
  [
    'a JPEG just over the limit',
    'big.jpg',
    'image/jpeg',
    Buffer.concat([jpeg, Buffer.alloc(MB + 1 - jpeg.length)]),
  ],
]

/** Names that must be refused even with a perfectly good JPEG inside. */
const HOSTILE_NAMES: [string, string][] = [
  ['a parent-directory path', '../../etc/passwd'],
  ['a parent-directory path with an image extension', '../../etc/passwd.jpg'],
  ['a Windows parent path', '..\\..\\boot.ini.jpg'],
  ['an absolute path', '/etc/cron.d/x.jpg'],
  ['a drive path', 'C:\\Windows\\System32\\x.jpg'],
  ['a NUL in the name', 'scan.jpg\u0000.exe'],
  ['a newline in the name', 'scan\r\nContent-Type: text/html.jpg'],
  ['a 300-character name', `${'x'.repeat(300)}.jpg`],
  ['a right-to-left override hiding .exe', 'invoice\u202Egpj.exe'],
  ['a dot file', '.htaccess'],
]

let k: FuzzClinic
const uploads: { key: string; form: FoundForm; fileField: string; actor: Browser }[] = []
const report: string[] = []

function bodyFor(
  form: FoundForm,
  fileField: string,
  values: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer },
): FormData {
  const body = new FormData()
  for (const f of form.fields) {
    if (f.name === fileField || f.name === '_csrf' || f.kind === 'file') continue
    const v = values[f.name] ?? plausible(f)
    if (v !== '' || !['checkbox', 'radio'].includes(f.kind)) body.append(f.name, v)
  }
  body.append(fileField, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  return body
}

/**
 * Field values with which the form reaches its file check: the page's own values, then each
 * select's options in turn, until a refused SVG is refused *for being a bad file*.
 */
async function reachFileCheck(u: (typeof uploads)[number]): Promise<Record<string, string>> {
  const svg = { name: 'probe.png', type: 'image/png', bytes: Buffer.from('<svg onload=x()>') }
  const candidates: Record<string, string>[] = [{}]
  for (const f of u.form.fields.filter((f) => f.kind === 'select' || f.kind === 'radio')) {
    for (const o of f.options) if (o !== '') candidates.push({ [f.name]: o })
  }
  for (const values of candidates) {
    const res = await sendMultipart(
      k,
      u.actor,
      u.form.action,
      bodyFor(u.form, u.fileField, values, svg),
    )
    if (res.status >= 400 && res.status < 500 && namesFileProblem(await res.text())) return values
  }
  throw new Error(`${u.key}: no field values reach the file check`)
}

beforeAll(async () => {
  k = await fuzzClinic({ ENAMEL_UPLOAD_MAX_MB: '1' })
  const found = await crawl(k, 80)
  for (const [key, list] of found.forms) {
    if (!key.startsWith('POST')) continue
    for (const { form, actor } of list) {
      const file = form.fields.find((f) => f.kind === 'file')
      if (!file || uploads.some((u) => u.key === key)) continue
      const [role, zone] = actor.split('@') as [never, never]
      uploads.push({ key, form, fileField: file.name, actor: await k.as(role, zone) })
    }
  }
}, 120_000)

describe('hostile uploads on every upload form', { timeout: 240_000 }, () => {
  it('finds the upload forms: medical files, documents, consent scans, ИДС scans', () => {
    const keys = uploads.map((u) => u.key)
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /patients/:patientId/files',
        'POST /patients/:id/documents/upload',
        'POST /patients/:id/consents/add',
        'POST /patients/:patientId/plans/:planId/ids',
      ]),
    )
  })

  it('refuses every hostile file and name with a 4xx naming the problem, storing nothing', async () => {
    const failures: string[] = []
    for (const u of uploads) {
      const values = await reachFileCheck(u)
      const cases = [
        ...HOSTILE_FILES.map(([what, name, type, bytes]) => ({ what, name, type, bytes })),
        ...HOSTILE_NAMES.map(([what, name]) => ({ what, name, type: 'image/jpeg', bytes: jpeg })),
      ]
      const before = await snapshot(k)
      const auditFrom = await lastAuditId(k)
      const statuses = new Map<number, number>()
      for (const c of cases) {
        const res = await sendMultipart(
          k,
          u.actor,
          u.form.action,
          bodyFor(u.form, u.fileField, values, c),
        )
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        const html = await res.text()
        if (res.status < 400 || res.status >= 500)
          failures.push(`${u.key} ${c.what}: ${res.status}`)
        else if (!namesFileProblem(html)) failures.push(`${u.key} ${c.what}: no file message`)
        const now = await snapshot(k)
        if (now.digest !== before.digest || now.blobs.length !== before.blobs.length) {
          failures.push(`${u.key} ${c.what}: something was stored`)
          break
        }
      }
      const events = await k.db
        .selectFrom('audit_events')
        .select(['action', 'outcome'])
        .where('id', '>', auditFrom)
        .execute()
      // Pages re-rendered with the refusal may audit their reads; nothing may claim a write.
      const claimed = events.filter(
        (e) => e.outcome === 'ok' && /upload|record|store|sign|add|create|file/.test(e.action),
      )
      if (claimed.length) failures.push(`${u.key}: audit claims ${claimed.map((e) => e.action)}`)
      const refusals = events.filter((e) => e.outcome !== 'ok').length
      // Every refused upload leaves a trace in the audit trail, on every form.
      if (refusals !== cases.length)
        failures.push(`${u.key}: ${refusals} of ${cases.length} refusals audited`)
      report.push(
        `${u.key}: ${cases.length} hostile uploads → ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; ` +
          `${refusals} refusal(s) audited; nothing stored`,
      )
    }
    console.log(report.join('\n'))
    expect(failures).toEqual([])
  })

  it('refuses a body over the limit (a huge file or a huge text field) before the route: 413, nothing stored', async () => {
    for (const u of uploads) {
      const before = await snapshot(k)
      const huge = bodyFor(
        u.form,
        u.fileField,
        {},
        {
          name: 'big.jpg',
          type: 'image/jpeg',
          bytes: Buffer.concat([jpeg, Buffer.alloc(3 * MB)]),
        },
      )
      const r1 = await sendMultipart(k, u.actor, u.form.action, huge)
      expect(r1.status, u.key).toBe(413)
      expect(namesFileProblem(await r1.text()), u.key).toBe(true)
      const field = bodyFor(
        u.form,
        u.fileField,
        {},
        { name: 'ok.jpg', type: 'image/jpeg', bytes: jpeg },
      )
      field.append('description', 'Ж'.repeat(2 * MB))
      const r2 = await sendMultipart(k, u.actor, u.form.action, field)
      expect(r2.status, u.key).toBe(413)
      expect(await snapshot(k), u.key).toEqual(before)
    }
  })

  it('accepts a real file through the same forms, so the refusals were about the files', async () => {
    for (const u of uploads) {
      const values = await reachFileCheck(u)
      const files = async () => (await k.db.selectFrom('files').select('id').execute()).length
      const n = await files()
      // Fresh bytes each time: identical content is stored once and would not add a row.
      const good = {
        name: 'снимок 36.jpg',
        type: 'image/jpeg',
        bytes: sampleJpeg(65 + uploads.indexOf(u), 49),
      }
      const res = await sendMultipart(
        k,
        u.actor,
        u.form.action,
        bodyFor(u.form, u.fileField, values, good),
      )
      const html = await res.text()
      expect(res.status, `${u.key}: ${res.status} ${html.slice(0, 3000)}`).toBeLessThan(400)
      expect(
        await files(),
        `${u.key} ${JSON.stringify(values)} ${res.status} ${res.headers.get('location')}`,
      ).toBeGreaterThan(n)
    }
  })
})
