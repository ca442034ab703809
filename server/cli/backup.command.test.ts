import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupEnv, passwordFile, tempRoot } from '../../tests/support/backup-fixture.js'
import { verifyAuditChain } from '../audit/audit.service.js'
import { loadConfig } from '../config.js'
import { initDataDir } from '../system/init.service.js'
import { openRuntime } from '../system/runtime.js'
import { runCli } from './run.js'

// The operator's round trip, in-process through the CLI's own entry function, on a data dir
// made by `enamel init` and a real local restic repository.
describe('enamel backup / enamel restore', () => {
  const tmp = tempRoot('enamel-backup-cli-')
  let env: Record<string, string>

  async function enamel(args: string[], extra: Record<string, string> = {}) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(args, { out: (l) => out.push(l), env: { ...env, ...extra } }, (l) =>
      err.push(l),
    )
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  beforeAll(async () => {
    const dataDir = path.join(tmp.root, 'data')
    env = backupEnv(dataDir, path.join(tmp.root, 'repo'), passwordFile(tmp.root))
    await initDataDir(loadConfig(env))
    mkdirSync(path.join(dataDir, 'files'), { mode: 0o700 })
    writeFileSync(path.join(dataDir, 'files', 'attachment-1'), 'ciphertext stand-in')
    const added = await enamel([
      'staff',
      'add',
      '--login',
      'ivanova',
      '--name',
      'Иванова А. П.',
      '--role',
      'doctor',
    ])
    expect(added.code).toBe(0)
  }, 60_000)
  afterAll(() => tmp.cleanup())

  it('init creates the repository once and refuses a second time with one line', async () => {
    expect(await enamel(['backup', 'init'])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/initialized/),
    })
    const again = await enamel(['backup', 'init'])
    expect(again.code).toBe(1)
    expect(again.err).toMatch(
      /^enamel backup: the repository .* is already initialized; nothing changed$/,
    )
  })

  it('run, list, verify, then restore into an empty dir that opens with the same clinic', async () => {
    const run = await enamel(['backup', 'run'])
    expect(run).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^backup ok: snapshot [0-9a-f]{8}/),
    })
    const list = JSON.parse((await enamel(['backup', 'list', '--json'])).out)
    expect(list.snapshots).toHaveLength(1)
    const verify = await enamel(['backup', 'verify'])
    expect(verify.code, verify.err).toBe(0)
    expect(verify.out).toMatch(/^drill ok: snapshot [0-9a-f]{8} restored and proven/m)
    expect(verify.out).toMatch(/^restic check ok \(full\)/m)

    const target = path.join(tmp.root, 'restored')
    const restored = await enamel(['restore', '--snapshot', 'latest', '--target', target, '--json'])
    expect(restored.code, restored.err).toBe(0)
    expect(JSON.parse(restored.out)).toMatchObject({ target, files: expect.any(Number) })

    const source = await openRuntime(loadConfig(env))
    const copy = await openRuntime(loadConfig({ ...env, ENAMEL_DATA_DIR: target }))
    try {
      const staff = (rt: typeof source) =>
        rt.db
          .selectFrom('staff')
          .select(['id', 'login', 'full_name', 'role', 'password_hash'])
          .orderBy('id')
          .execute()
      expect(await staff(copy)).toEqual(await staff(source))
      const chain = await verifyAuditChain(copy.db, copy.keys.audit)
      expect(chain.ok).toBe(true)
      const actions = await copy.db.selectFrom('audit_events').select('action').execute()
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['backup.init', 'staff.create', 'backup.restore']),
      )
      expect(copy.ca.certPem).toBe(source.ca.certPem)
    } finally {
      await copy.close()
      await source.close()
    }
    const audit = await enamel(['audit', 'verify'], { ENAMEL_DATA_DIR: target })
    expect(audit).toMatchObject({ code: 0, out: expect.stringMatching(/^audit chain ok/) })

    const twice = await enamel(['restore', '--snapshot', 'latest', '--target', target])
    expect(twice.code).toBe(1)
    expect(twice.err).toMatch(/^enamel restore: failed \(target_not_empty\): .* is not empty/)
    expect(twice.err.split('\n')).toHaveLength(1)
  })

  it('a wrong password is one line saying what to do, and is audited as a failed run', async () => {
    const wrong = await enamel(['backup', 'run'], {
      ENAMEL_BACKUP_PASSWORD_FILE: passwordFile(tmp.root, 'wrong'),
    })
    expect(wrong.code).toBe(1)
    expect(wrong.err).toMatch(
      /^enamel backup: failed \(wrong_password\): wrong password or no key found — the repository password is wrong/,
    )
    const rt = await openRuntime(loadConfig(env))
    try {
      const last = await rt.db
        .selectFrom('audit_events')
        .select(['action', 'outcome', 'details'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      expect(last).toMatchObject({ action: 'backup.run', outcome: 'failed' })
      expect(JSON.parse(last.details)).toMatchObject({ error: 'wrong_password', trigger: 'cli' })
    } finally {
      await rt.close()
    }
  })

  it('refuses a password file others may read', async () => {
    const loose = passwordFile(tmp.root, 'loose')
    const { chmodSync } = await import('node:fs')
    chmodSync(loose, 0o644)
    const r = await enamel(['backup', 'list'], { ENAMEL_BACKUP_PASSWORD_FILE: loose })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/has mode 0644; secrets must be 0600/)
  })
})
