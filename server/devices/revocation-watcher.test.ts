import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../database.js'
import { createCa, pkiPaths, readCrl, type CaMaterial, type PkiPaths } from '../pki/index.js'
import { memoryDb } from '../testing/test-app.js'
import { insertDevice, revokeDevice } from './devices.queries.js'
import { CRL_REISSUE_AFTER_MS, issueCrl, watchRevocations } from './revocation-watcher.js'

// Start-up issues the CRL once and hands it to the watcher: its first check must not issue
// (and load into TLS) a second one, yet must still catch what changes afterwards.

let ca: CaMaterial
let pki: PkiPaths
let dir: string
beforeAll(() => {
  ca = createCa({ clinicName: 'Test clinic' })
  dir = mkdtempSync(join(tmpdir(), 'enamel-watcher-'))
  pki = pkiPaths(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const log = pino({ level: 'silent' })
const crlSerials = () => readCrl(readFileSync(pki.crl, 'utf8')).serials

async function device(db: Db, serial: string): Promise<number> {
  return insertDevice(db, {
    name: `Terminal ${serial}`,
    zone: 'reception',
    serial,
    fingerprint256: `FP:${serial}`,
    issued_at: '2026-11-01T08:00:00.000Z',
    not_after: '2027-11-01T08:00:00.000Z',
    issued_by: null,
    revoked_at: null,
    last_seen_at: null,
    replaced_by: null,
  })
}

function fakeTarget() {
  const closed: string[] = []
  return {
    reloads: 0,
    closed,
    reloadTls() {
      this.reloads++
    },
    closeSockets(serial: string) {
      closed.push(serial)
      return 0
    },
  }
}

describe('watchRevocations started from the start-up CRL', () => {
  it('does not issue again on its first check, and still reissues on a new revocation', async () => {
    const db = await memoryDb()
    let clock = new Date('2026-11-30T09:00:00.000Z')
    const now = () => clock
    await revokeDevice(db, await device(db, '0A01'), '2026-11-20T10:00:00.000Z')
    const second = await device(db, '0A02')

    const issued = await issueCrl({ db, ca, pki, now })
    expect(crlSerials()).toEqual(['0A01'])
    const target = fakeTarget()
    const watcher = watchRevocations({ db, ca, pki, log, now, target, issued })
    watcher.stop()
    await watcher.check()
    expect(target.reloads).toBe(0)

    await revokeDevice(db, second, '2026-11-30T09:00:01.000Z')
    await watcher.check()
    expect(target.reloads).toBe(1)
    expect(crlSerials()).toEqual(['0A01', '0A02'])
    expect(target.closed).toEqual(['0A01', '0A02'])

    // And the daily reissue still counts from the start-up CRL.
    clock = new Date(clock.getTime() + CRL_REISSUE_AFTER_MS + 1000)
    await watcher.check()
    expect(target.reloads).toBe(2)
  })

  it('without a start-up CRL, issues one at its first check', async () => {
    const db = await memoryDb()
    await revokeDevice(db, await device(db, '0B01'), '2026-11-20T10:00:00.000Z')
    const target = fakeTarget()
    const now = () => new Date('2026-11-30T09:00:00.000Z')
    const watcher = watchRevocations({ db, ca, pki, log, now, target })
    watcher.stop()
    await watcher.check()
    expect(target.reloads).toBe(1)
    expect(crlSerials()).toEqual(['0B01'])
  })
})
