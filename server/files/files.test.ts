import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryDb } from '../testing/test-app.js'
import { blobKeyId } from './blob-format.js'
import {
  blobPath,
  fileStoreFor,
  FileIntegrityError,
  FileTooLargeError,
  readBlob,
  writeBlob,
} from './file-store.js'
import { loadFile, saveFile } from './files.service.js'
import { sniffFile } from './sniff.js'
import { hostileFiles, sampleJpeg, samplePdf, samplePng } from './test-files.js'

function store(maxBytes = 1024 * 1024) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-files-'))
  return fileStoreFor(dir, randomBytes(32), maxBytes)
}

/** Every file under the store, temp files included. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
}

describe('sniffing: refusals first', () => {
  for (const [name, data] of Object.entries(hostileFiles())) {
    it(`refuses ${name}`, () => {
      expect(sniffFile(data)).toBeUndefined()
    })
  }

  it('recognises JPEG, PNG and PDF by their bytes', () => {
    expect(sniffFile(sampleJpeg())?.mediaType).toBe('image/jpeg')
    expect(sniffFile(samplePng())?.mediaType).toBe('image/png')
    expect(sniffFile(samplePdf())?.mediaType).toBe('application/pdf')
  })

  it('does not mistake compressed bytes that spell /JS for a script', () => {
    const pdf = Buffer.from(
      '%PDF-1.5\n4 0 obj << /Length 8 /Filter /FlateDecode >> stream\n/JS /Launch\nendstream endobj\n%%EOF',
      'latin1',
    )
    expect(sniffFile(pdf)?.mediaType).toBe('application/pdf')
  })
})

describe('encrypted blobs', () => {
  it('are not plaintext on disk, name their key, and read back verified', async () => {
    const s = store()
    const png = samplePng()
    const blob = await writeBlob(s, png)
    const onDisk = readFileSync(blobPath(s, blob.address))
    expect(onDisk.includes(png.subarray(16, 40))).toBe(false)
    expect(blobKeyId(onDisk)).toBe('files-v1')
    expect(blob.address).not.toBe(blob.sha256)
    expect(await readBlob(s, blob)).toEqual(png)
    expect(listFiles(s.dir).some((f) => f.endsWith('.part'))).toBe(false)
  })

  it('store equal content once', async () => {
    const s = store()
    const a = await writeBlob(s, samplePdf())
    const b = await writeBlob(s, samplePdf())
    expect(a.created).toBe(true)
    expect(b.created).toBe(false)
    expect(b.address).toBe(a.address)
  })

  it('refuse to return data from an altered, swapped, missing or foreign-key blob', async () => {
    const s = store()
    const blob = await writeBlob(s, samplePdf('first'))
    const file = blobPath(s, blob.address)
    const original = readFileSync(file)
    const flipped = Buffer.from(original)
    flipped[flipped.length - 20]! ^= 1
    writeFileSync(file, flipped)
    await expect(readBlob(s, blob)).rejects.toBeInstanceOf(FileIntegrityError)
    // Another valid blob moved into this one's place fails too: the address is authenticated.
    const other = await writeBlob(s, samplePdf('second'))
    writeFileSync(file, readFileSync(blobPath(s, other.address)))
    await expect(readBlob(s, blob)).rejects.toBeInstanceOf(FileIntegrityError)
    writeFileSync(file, original)
    await expect(readBlob(s, { ...blob, sha256: other.sha256 })).rejects.toBeInstanceOf(
      FileIntegrityError,
    )
    await expect(readBlob({ ...s, keys: { 'files-v1': randomBytes(32) } }, blob)).rejects.toThrow(
      FileIntegrityError,
    )
    await expect(readBlob(s, { ...blob, address: 'ab'.repeat(32) })).rejects.toThrow(/missing/)
    expect(await readBlob(s, blob)).toEqual(samplePdf('first'))
  })

  it('refuse a file over the size limit', async () => {
    await expect(writeBlob(store(10), samplePng())).rejects.toBeInstanceOf(FileTooLargeError)
  })
})

describe('saveFile', () => {
  it('stores nothing, neither row nor file, for a refused upload', async () => {
    const db = await memoryDb()
    const s = store()
    for (const data of [...Object.values(hostileFiles()), Buffer.alloc(0)]) {
      const result = await saveFile(db, s, { data, at: 'now' }, async () => 'recorded')
      expect(result.ok).toBe(false)
    }
    const big = await saveFile(db, store(10), { data: samplePng(), at: 'now' }, async () => 1)
    expect(big).toEqual({ ok: false, reason: 'too_large' })
    expect(await db.selectFrom('files').selectAll().execute()).toEqual([])
    expect(listFiles(s.dir)).toEqual([])
  })

  it('removes the new blob when the recording transaction fails', async () => {
    const db = await memoryDb()
    const s = store()
    await expect(
      saveFile(db, s, { data: samplePng(), at: 'now' }, async () => {
        throw new Error('the feature failed')
      }),
    ).rejects.toThrow('the feature failed')
    expect(await db.selectFrom('files').selectAll().execute()).toEqual([])
    expect(listFiles(s.dir)).toEqual([])
  })

  it('records the row with hash and type and loads it back', async () => {
    const db = await memoryDb()
    const s = store()
    const saved = await saveFile(db, s, { data: samplePng(), at: 'now' }, async (_trx, id) => id)
    if (!saved.ok) throw new Error('not saved')
    const loaded = await loadFile(db, s, saved.value)
    expect(loaded?.row.media_type).toBe('image/png')
    expect(loaded?.row.key_id).toBe('files-v1')
    expect(loaded?.data).toEqual(samplePng())
    expect(await loadFile(db, s, 999)).toBeUndefined()
  })
})
