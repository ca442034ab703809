import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { memoryDb } from '../testing/test-app.js'
import { blobPath, fileStoreFor, readBlob, writeBlob } from './file-store.js'
import { sweepFileStore } from './file-sweep.js'
import { insertFileRow } from './files.queries.js'
import { samplePdf, samplePng } from './test-files.js'

// What a kill between "blob written" and "row committed" leaves, and what start-up removes.

describe('sweepFileStore', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  const setUp = async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enamel-sweep-'))
    dirs.push(dataDir)
    const db = await memoryDb()
    const store = fileStoreFor(dataDir, randomBytes(32), 1_000_000)
    return { db, store }
  }

  it('removes temp files and blobs without a row, and keeps every recorded blob', async () => {
    const { db, store } = await setUp()
    const kept = await writeBlob(store, samplePng())
    await insertFileRow(db, kept, 'image/png', new Date().toISOString())
    const orphan = await writeBlob(store, samplePdf('never recorded'))
    writeFileSync(path.join(store.dir, 'tmp', 'abc.part'), 'half of a blob')
    const foreign = path.join(store.dir, kept.address.slice(0, 2), 'README')
    writeFileSync(foreign, 'not ours')

    expect(await sweepFileStore(db, store.dir)).toEqual({ temps: 1, blobs: 1 })
    expect(existsSync(blobPath(store, orphan.address))).toBe(false)
    expect(readdirSync(path.join(store.dir, 'tmp'))).toEqual([])
    expect(existsSync(foreign)).toBe(true)
    expect(await readBlob(store, kept)).toEqual(samplePng())
    // A second start finds nothing more to do.
    expect(await sweepFileStore(db, store.dir)).toEqual({ temps: 0, blobs: 0 })
  })

  it('sweeps every folder, a few at a time, and keeps the recorded blobs among them', async () => {
    const { db, store } = await setUp()
    const kept = []
    const orphans = []
    for (let i = 0; i < 40; i++) {
      const blob = await writeBlob(store, samplePdf(`document ${i}`))
      if (i % 4 === 0) {
        await insertFileRow(db, blob, 'application/pdf', new Date().toISOString())
        kept.push(blob)
      } else orphans.push(blob)
    }
    // 40 addresses land in more folders than the sweep reads at once.
    expect(new Set(orphans.map((b) => b.address.slice(0, 2))).size).toBeGreaterThan(8)
    expect(await sweepFileStore(db, store.dir)).toEqual({ temps: 0, blobs: orphans.length })
    for (const b of orphans) expect(existsSync(blobPath(store, b.address))).toBe(false)
    for (const b of kept) expect(existsSync(blobPath(store, b.address))).toBe(true)
  })

  it('holds a write that starts while it runs, so it never removes a blob being recorded', async () => {
    const { db, store } = await setUp()
    // An earlier upload of the same content was cut short: its blob is there, its row is not.
    const orphan = await writeBlob(store, samplePng())
    const sweeping = sweepFileStore(db, store.dir)
    // Without the hold, the write would find that blob, reuse it (created: false), and the
    // sweep would then remove it from under the row about to be committed.
    const written = await writeBlob(store, samplePng())
    expect(await sweeping).toEqual({ temps: 0, blobs: 1 })
    expect(written).toMatchObject({ address: orphan.address, created: true })
    await insertFileRow(db, written, 'image/png', new Date().toISOString())
    expect(await readBlob(store, written)).toEqual(samplePng())
  })

  it('is a no-op on a data directory that never stored a file', async () => {
    const { db, store } = await setUp()
    expect(await sweepFileStore(db, store.dir)).toEqual({ temps: 0, blobs: 0 })
    mkdirSync(path.join(store.dir, 'tmp'), { recursive: true })
    expect(await sweepFileStore(db, store.dir)).toEqual({ temps: 0, blobs: 0 })
  })
})
