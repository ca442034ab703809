import { readFileSync } from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../server/audit/audit.service.js'
import { backupControlFor } from '../server/backups/backup-control.js'
import { listRecentRuns } from '../server/backups/backups.queries.js'
import { resticRepoFromConfig } from '../server/backups/repo.js'
import { runCli } from '../server/cli/run.js'
import { loadConfig } from '../server/config.js'
import { integrityCheck } from '../server/db/connection.js'
import { initRepository, repositoryExists } from '../server/restic/commands.js'
import { initDataDir, type InitResult } from '../server/system/init.service.js'
import { openRuntime, type Runtime } from '../server/system/runtime.js'
import { startEnamel, type RunningEnamel } from '../server/system/server.service.js'
import { backupEnv, passwordFile, tempRoot } from './support/backup-fixture.js'
import { disposeSshd, startSshd, type Sshd } from './support/sshd.js'
import { httpsGet } from './support/tls-support.js'

// An sftp: repository on a loopback OpenSSH server this test starts itself (DESIGN.md §7).
describe('backups to an sftp: repository', () => {
  const tmp = tempRoot('enamel-backup-sftp-')
  let sshd: Sshd
  let env: Record<string, string>
  let init: InitResult

  async function enamel(args: string[], extra: Record<string, string> = {}) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(args, { out: (l) => out.push(l), env: { ...env, ...extra } }, (l) =>
      err.push(l),
    )
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  beforeAll(async () => {
    sshd = await startSshd()
    const dataDir = path.join(tmp.root, 'data')
    env = {
      ...backupEnv(dataDir, sshd.repository(path.join(tmp.root, 'repo')), passwordFile(tmp.root)),
      ENAMEL_BACKUP_SFTP_COMMAND: sshd.sftpCommand,
    }
    init = await initDataDir(loadConfig(env))
  }, 60_000)
  afterAll(async () => {
    await disposeSshd(sshd)
    tmp.cleanup()
  })

  it('init, run, list, verify and restore round trip over sftp', async () => {
    expect((await enamel(['backup', 'init'])).code).toBe(0)
    const run = await enamel(['backup', 'run'])
    expect(run.code, run.err).toBe(0)
    expect(JSON.parse((await enamel(['backup', 'list', '--json'])).out).snapshots).toHaveLength(1)
    const verify = await enamel(['backup', 'verify'])
    expect(verify.code, verify.err).toBe(0)
    const target = path.join(tmp.root, 'restored')
    const restored = await enamel(['restore', '--snapshot', 'latest', '--target', target])
    expect(restored.code, restored.err).toBe(0)
    const rt = await openRuntime(loadConfig({ ...env, ENAMEL_DATA_DIR: target }))
    try {
      expect((await verifyAuditChain(rt.db, rt.keys.audit)).ok).toBe(true)
      const owner = await rt.db.selectFrom('staff').select('login').execute()
      expect(owner).toEqual([{ login: 'owner' }])
    } finally {
      await rt.close()
    }
  })

  describe('the server running its schedule', () => {
    let rt: Runtime
    let running: RunningEnamel

    beforeAll(async () => {
      const repo = resticRepoFromConfig(loadConfig(env))
      if (!(await repositoryExists(repo))) await initRepository(repo)
      rt = await openRuntime(loadConfig(env))
      running = await startEnamel(rt, pino({ level: 'silent' }), {
        host: '127.0.0.1',
        port: 0,
        backup: { intervalMs: 1000, firstRunDelayMs: 0, retryDelaysMs: [500, 500] },
      })
    })
    afterAll(async () => {
      await running?.stop()
      await rt?.close()
    })

    const scheduledRuns = async () =>
      (await listRecentRuns(rt.db, 50)).filter((r) => r.kind === 'run' && r.trigger === 'schedule')
    const until = async (cond: () => Promise<boolean>, ms = 30_000) => {
      const end = Date.now() + ms
      while (!(await cond())) {
        if (Date.now() > end) {
          const runs = (await scheduledRuns()).map((r) => `${r.outcome}:${r.error_code}`)
          throw new Error(`timed out waiting for the scheduler; runs: ${runs.join(' ')}`)
        }
        await new Promise((r) => setTimeout(r, 100))
      }
    }

    it('stopping sshd mid-schedule gives a failed run and a working app', async () => {
      await until(async () => (await scheduledRuns()).some((r) => r.outcome === 'ok'))
      // Stop it between two runs, so the next one meets a closed port.
      await until(async () => !backupControlFor(rt.db)?.status().running)
      await sshd.stop()
      await until(async () => (await scheduledRuns())[0]?.outcome === 'failed')
      const failed = (await scheduledRuns())[0]!
      expect(failed.error_code).toBe('repo_unreachable')
      expect(failed.error_message).toMatch(/sftp/)

      // The app still answers over mutual TLS, and the clinic's data is untouched.
      const res = await httpsGet(
        {
          host: '127.0.0.1',
          port: Number(new URL(running.url).port),
          ca: readFileSync(init.caCert, 'utf8'),
        },
        '/healthz',
        { identity: { pfx: readFileSync(init.device.p12), passphrase: init.device.passphrase } },
      )
      expect(res.status).toBe(200)
      expect(integrityCheck(rt.sqlite)).toBe('ok')
      expect((await verifyAuditChain(rt.db, rt.keys.audit)).ok).toBe(true)

      // The server comes back; so do the backups (the retry succeeds).
      await sshd.restart()
      const failedAt = failed.started_at
      await until(async () =>
        (await scheduledRuns()).some((r) => r.outcome === 'ok' && r.started_at > failedAt),
      )
    })
  })
})
