import { request } from 'node:https'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR, verifyAuditChain } from '../server/audit/audit.service.js'
import { hashPassword } from '../server/auth/password.js'
import { runBackup } from '../server/backups/backup.service.js'
import { restoreSnapshot } from '../server/backups/restore.service.js'
import { loadConfig } from '../server/config.js'
import { fileStoreFor } from '../server/files/file-store.js'
import { saveFile } from '../server/files/files.service.js'
import { samplePng } from '../server/files/test-files.js'
import { insertPatient } from '../server/patients/patients.queries.js'
import { initRepository } from '../server/restic/commands.js'
import { startEnamel } from '../server/system/server.service.js'
import { initDataDir } from '../server/system/init.service.js'
import { openRuntime } from '../server/system/runtime.js'
import { updateStaff } from '../server/staff/staff.queries.js'
import { backupEnv, passwordFile, tempRoot } from './support/backup-fixture.js'

// README "Disaster recovery": clinic A with data → backup → restore into an empty data dir on
// "a new box" → instance B starts and serves the same patient card over mutual TLS, the audit
// chain verifies and every attachment decrypts.

const PASSWORD = 'Восстановление-клиники-2026'

interface Reply {
  status: number
  body: string
  cookies: string[]
}

function call(
  url: string,
  tls: { pfx: Buffer; passphrase: string; ca: Buffer },
  opts: { method?: string; cookie?: string; form?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        ...tls,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(body
            ? {
                'content-type': 'application/x-www-form-urlencoded',
                origin: new URL(url).origin,
              }
            : {}),
        },
      },
      (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (data += d))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: data,
            cookies: res.headers['set-cookie'] ?? [],
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const pair = (setCookie: string) => setCookie.split(';')[0]!

describe('disaster recovery on a new box', () => {
  const tmp = tempRoot('enamel-dr-')
  const stops: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop()
    tmp.cleanup()
  })

  it('restores clinic A into an empty data dir; B serves the same patient card', async () => {
    const repo = { repository: path.join(tmp.root, 'repo'), passwordFile: passwordFile(tmp.root) }
    const configA = loadConfig(
      backupEnv(path.join(tmp.root, 'a'), repo.repository, repo.passwordFile),
    )
    const init = await initDataDir(configA)
    const a = await openRuntime(configA)
    const owner = (await a.db.selectFrom('staff').select('id').executeTakeFirstOrThrow()).id
    await updateStaff(a.db, owner, {
      password_hash: await hashPassword(PASSWORD),
      must_change_password: 0,
    })
    const at = new Date().toISOString()
    const patientId = await insertPatient(a.db, {
      card_number: 'DR-1',
      surname: 'Восстановленова',
      name: 'Вера',
      patronymic: 'Павловна',
      sex: 'female',
      birth_date: '1979-03-08',
      created_at: at,
      updated_at: at,
    } as Parameters<typeof insertPatient>[1])
    const store = fileStoreFor(configA.dataDir, a.keys.files, 10_000_000)
    expect((await saveFile(a.db, store, { data: samplePng(), at }, async () => 0)).ok).toBe(true)
    await initRepository(repo)
    const run = await runBackup(
      {
        config: configA,
        sqlite: a.sqlite,
        db: a.db,
        auditKey: a.keys.audit,
        repo: { options: [], ...repo },
        now: () => new Date(),
      },
      { trigger: 'cli', actor: CLI_ACTOR },
    )
    expect(run.ok, JSON.stringify(run)).toBe(true)
    await a.close()

    const dirB = path.join(tmp.root, 'b')
    const proof = await restoreSnapshot(repo, 'latest', dirB)
    expect(proof.decrypted).toBe(1)
    const b = await openRuntime(
      loadConfig({
        ENAMEL_DATA_DIR: dirB,
        ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
        ENAMEL_LOG_LEVEL: 'silent',
      }),
    )
    stops.push(() => b.close())
    const chain = await verifyAuditChain(b.db, b.keys.audit)
    expect(chain).toMatchObject({ ok: true, head: proof.auditHead })
    const server = await startEnamel(b, pino({ level: 'silent' }), {
      host: '127.0.0.1',
      port: 0,
      enrollPort: 0,
    })
    stops.push(() => server.stop())

    // The owner's terminal from clinic A works against B: same CA, same device, same password.
    const tls = {
      pfx: readFileSync(init.device.p12),
      passphrase: init.device.passphrase,
      ca: readFileSync(path.join(dirB, 'pki', 'ca.crt')),
    }
    const loginPage = await call(`${server.url}/login`, tls)
    const csrfCookie = pair(loginPage.cookies.find((c) => c.startsWith('__Host-enamel-csrf='))!)
    const token = loginPage.body.match(/name="_csrf" value="([^"]+)"/)![1]!
    const login = await call(`${server.url}/login`, tls, {
      method: 'POST',
      cookie: csrfCookie,
      form: { _csrf: token, login: 'owner', password: PASSWORD },
    })
    expect(login.status).toBe(303)
    const session = pair(login.cookies.find((c) => c.startsWith('__Host-enamel-session='))!)
    const card = await call(`${server.url}/patients/${patientId}`, tls, {
      cookie: `${csrfCookie}; ${session}`,
    })
    expect(card.status).toBe(200)
    expect(card.body).toContain('Восстановленова')
    expect(card.body).toContain('DR-1')
  }, 180_000)
})
