import { createCipheriv, createHash } from 'node:crypto'
import jpeg from 'jpeg-js'
import type { Db } from '../database.js'
import { writeBlob, type FileStore } from '../files/file-store.js'
import { insertFileRow } from '../files/files.queries.js'
import { JPEG } from '../files/sniff.js'
import { insertMedicalFile } from '../medical-files/medical-files.queries.js'
import { makeThumbnail } from '../medical-files/thumbnail.js'
import type { DemoClinic } from './demo-clinic.js'
import { pick } from './demo-names.js'

const VARIANTS = 2
const COM_PAYLOAD = 65_533

/** A small grey "radiograph": dark field, a bright tooth-like ellipse, a little grain. */
function baseImage(variant: number): Buffer {
  const width = 320
  const height = 240
  const data = Buffer.alloc(width * height * 4)
  const cx = width * (0.4 + variant * 0.2)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - cx) / 50
      const dy = (y - height / 2) / 100
      const inside = dx * dx + dy * dy < 1
      const v = (inside ? 200 : 40) + ((x * 7 + y * 13 + variant * 31) % 23)
      const i = (y * width + x) * 4
      data[i] = data[i + 1] = data[i + 2] = v
      data[i + 3] = 255
    }
  }
  return jpeg.encode({ width, height, data }, 85).data
}

/**
 * A decodable JPEG of about `size` bytes: the base image with COM (comment) segments of
 * seeded pseudo-random bytes after SOI, so every attachment is distinct, incompressible like a
 * real radiograph, and still passes the upload sniffer and any decoder.
 */
function paddedJpeg(base: Buffer, size: number, seed: number, index: number): Buffer {
  const need = Math.max(0, size - base.length)
  const segments = Math.ceil(need / (COM_PAYLOAD + 4))
  const key = createHash('sha256').update(`demo-attachment-${seed}`).digest()
  const iv = Buffer.alloc(16)
  iv.writeUInt32BE(index, 0)
  const stream = createCipheriv('aes-256-ctr', key, iv)
  const parts: Buffer[] = [base.subarray(0, 2)]
  let left = need
  for (let s = 0; s < segments; s++) {
    const payload = Math.max(0, Math.min(COM_PAYLOAD, left - 4))
    const header = Buffer.from([0xff, 0xfe, 0, 0])
    header.writeUInt16BE(payload + 2, 2)
    parts.push(header, stream.update(Buffer.alloc(payload)))
    left -= payload + 4
  }
  parts.push(base.subarray(2))
  return Buffer.concat(parts)
}

/**
 * `count` X-rays and lab scans of about `bytes` each for random patients who had visits,
 * through the encrypted file store (same blobs, rows and thumbnails as a real upload).
 * Returns the plaintext bytes stored.
 */
export async function insertDemoFiles(
  db: Db,
  store: FileStore,
  rnd: () => number,
  clinic: DemoClinic,
  opts: {
    count: number
    bytes: number
    seed: number
    patients: { first: number; count: number }
    at: string
  },
  progress: (done: number, bytes: number) => void,
): Promise<number> {
  const bases = Array.from({ length: VARIANTS }, (_, v) => baseImage(v))
  const thumbs = bases.map((b) => makeThumbnail(b, 'jpeg'))
  let total = 0
  for (let i = 0; i < opts.count; i++) {
    const variant = i % VARIANTS
    const data = paddedJpeg(bases[variant]!, opts.bytes, opts.seed, i)
    if (!JPEG.matches(data)) throw new Error('demo attachment failed the JPEG sniffer')
    const original = await writeBlob(store, data)
    const thumb = thumbs[variant] ? await writeBlob(store, thumbs[variant]) : undefined
    const patient = opts.patients.first + Math.floor(rnd() * opts.patients.count)
    const doctor = pick(rnd, clinic.doctors)
    const xray = rnd() < 0.8
    await db.transaction().execute(async (trx) => {
      const fileId = await insertFileRow(trx, original, 'image/jpeg', opts.at)
      const thumbId = thumb ? await insertFileRow(trx, thumb, 'image/jpeg', opts.at) : null
      await insertMedicalFile(trx, {
        patient_id: patient,
        kind: xray ? 'xray' : 'lab',
        format: 'jpeg',
        file_id: fileId,
        thumbnail_file_id: thumbId,
        original_name: xray ? `ОПТГ-${i + 1}.jpg` : `анализ-${i + 1}.jpg`,
        description: xray ? 'Ортопантомограмма' : 'Результат анализа',
        taken_on: opts.at.slice(0, 10),
        uploaded_by: doctor.id,
        device_id: clinic.deviceId,
        uploaded_at: opts.at,
      })
    })
    total += data.length
    if ((i + 1) % 50 === 0 || i + 1 === opts.count) progress(i + 1, total)
  }
  return total
}
