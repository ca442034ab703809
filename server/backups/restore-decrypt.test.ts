import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../audit/audit.service.js'
import { fileStoreFor } from '../files/file-store.js'
import { saveFile } from '../files/files.service.js'
import { samplePdf, samplePng } from '../files/test-files.js'
import { miniClinic, passwordFile, tempRoot } from '../../tests/support/backup-fixture.js'
import { runBackup } from './backup.service.js'
import { restoreSnapshot } from './restore.service.js'
import { initRepository } from '../restic/commands.js'

// Issue 6: a restore is proven only when every attachment decrypts with the restored key.
describe('restore proof decrypts every attachment', () => {
  const tmp = tempRoot('enamel-restore-decrypt-')
  let clinic: Awaited<ReturnType<typeof miniClinic>>
  let repo: { repository: string; passwordFile: string }

  beforeAll(async () => {
    repo = { repository: path.join(tmp.root, 'repo'), passwordFile: passwordFile(tmp.root) }
    clinic = await miniClinic(tmp.root, repo)
    await initRepository(repo)
  })
  afterAll(async () => {
    await clinic.close()
    tmp.cleanup()
  })

  it('counts the attachments it decrypted and checked', async () => {
    const store = fileStoreFor(clinic.dataDir, clinic.keys.files, 10_000_000)
    for (const data of [samplePng(), samplePdf()]) {
      const saved = await saveFile(
        clinic.db,
        store,
        { data, at: new Date().toISOString() },
        async () => 0,
      )
      expect(saved.ok).toBe(true)
    }
    expect((await runBackup(clinic.deps, { trigger: 'cli', actor: CLI_ACTOR })).ok).toBe(true)
    const proof = await restoreSnapshot(repo, 'latest', path.join(tmp.root, 'restored'))
    expect(proof.decrypted).toBe(2)
  })
})
