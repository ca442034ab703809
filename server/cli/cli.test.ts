import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from './run.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')

/** Runs the CLI as an operator would (`npm run -s enamel -- …` runs the same file with tsx). */
async function enamel(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, ENAMEL_LOG_LEVEL: 'silent', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

function expectOneLine(stderr: string) {
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('enamel CLI', { timeout: 120_000 }, () => {
  let env: Record<string, string>
  let init: {
    url: string
    caCert: string
    owner: { login: string; password: string }
    device: { id: number; p12: string; passphrase: string }
  }

  beforeAll(async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'enamel-cli-')), 'data')
    env = { ENAMEL_DATA_DIR: dataDir, ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost' }
    const r = await enamel(['init', '--json'], env)
    expect(r.code).toBe(0)
    init = JSON.parse(r.stdout)
  }, 120_000)

  it('init --json prints the documented shape and writes a private bundle', () => {
    expect(init).toEqual({
      url: 'https://127.0.0.1:8443',
      caCert: expect.stringMatching(/pki\/ca\.crt$/),
      owner: { login: 'owner', password: expect.stringMatching(/^.{4}-.{4}-.{4}-.{4}$/) },
      device: { id: 1, p12: expect.stringMatching(/\.p12$/), passphrase: expect.any(String) },
    })
    expect(existsSync(init.device.p12)).toBe(true)
  })

  it('init refuses an initialized data dir and changes nothing', async () => {
    const before = readdirSync(env.ENAMEL_DATA_DIR!).sort()
    const r = await enamel(['init', '--json'], env)
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/already initialized/)
    expectOneLine(r.stderr)
    expect(readdirSync(env.ENAMEL_DATA_DIR!).sort()).toEqual(before)
  })

  it('operator mistakes give one readable line and a non-zero exit', async () => {
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [
        ['device', 'issue', '--name', 'desk', '--zone', 'lobby'],
        /--zone must be one of reception, surgery, office/,
      ],
      [['device', 'issue', '--zone', 'reception'], /--name is required/],
      [
        ['staff', 'add', '--login', 'owner', '--name', 'Dup', '--role', 'doctor'],
        /login owner is already taken/,
      ],
      [
        ['staff', 'add', '--login', 'x1', '--name', 'Bad', '--role', 'janitor'],
        /role must be one of/,
      ],
      [['device', 'revoke', '999'], /device 999 does not exist/],
      [['device', 'list', '--bogus'], /Unknown option '--bogus'/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [
        ['device', 'list'],
        /is not an Enamel data directory/,
        { ENAMEL_DATA_DIR: '/tmp/enamel-no-such-dir' },
      ],
      [['device', 'list'], /ENAMEL_PORT: expected a port number/, { ENAMEL_PORT: 'x' }],
    ]
    // In-process through the same entry function the binary uses (fast); one real process below.
    for (const [args, message, extra] of cases) {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli(args, { out: (l) => out.push(l), env: { ...env, ...extra } }, (l) =>
        err.push(l),
      )
      expect(code, args.join(' ')).not.toBe(0)
      expect(err.join('\n')).toMatch(message)
      expectOneLine(err.join('\n'))
    }
    const real = await enamel(['device', 'issue', '--name', 'desk', '--zone', 'lobby'], env)
    expect(real.code).toBe(1)
    expectOneLine(real.stderr)
  }, 120_000)

  it('device issue --json, list --json and revoke', async () => {
    const issued = await enamel(
      ['device', 'issue', '--name', 'Reception 1', '--zone', 'reception', '--json'],
      env,
    )
    expect(issued.code).toBe(0)
    const device = JSON.parse(issued.stdout)
    expect(device).toEqual({
      id: 2,
      p12: expect.stringMatching(/2-reception-1\.p12$/),
      passphrase: expect.any(String),
    })
    const revoked = await enamel(['device', 'revoke', '2'], env)
    expect(revoked.code).toBe(0)
    const list = JSON.parse((await enamel(['device', 'list', '--json'], env)).stdout)
    expect(
      list.devices.map((d: { name: string; zone: string; revokedAt: string | null }) => [
        d.name,
        d.zone,
        !!d.revokedAt,
      ]),
    ).toEqual([
      ['owner-office', 'office', false],
      ['Reception 1', 'reception', true],
    ])
  }, 120_000)

  it('staff add --json and reset-password', async () => {
    const added = await enamel(
      [
        'staff',
        'add',
        '--login',
        'Ivanova',
        '--name',
        'Иванова Анна Петровна',
        '--role',
        'receptionist',
        '--json',
      ],
      env,
    )
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({
      id: 2,
      login: 'ivanova',
      password: expect.any(String),
    })
    const reset = await enamel(['staff', 'reset-password', 'ivanova', '--json'], env)
    expect(JSON.parse(reset.stdout)).toMatchObject({ login: 'ivanova' })
    expect(JSON.parse(reset.stdout).password).not.toBe(JSON.parse(added.stdout).password)
    const list = JSON.parse((await enamel(['staff', 'list', '--json'], env)).stdout)
    expect(list.staff).toHaveLength(2)
  }, 120_000)

  it('audit verify passes on the events the commands recorded', async () => {
    const r = await enamel(['audit', 'verify'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^audit chain ok: \d+ events, head [0-9a-f]{64}$/m)
  })

  it('healthcheck fails when no server is running, and prints the version', async () => {
    const r = await enamel(['healthcheck'], env)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/not running/)
    // `npm run -s enamel -- …` prints only the command's own output.
    const v = await run('npm', ['run', '-s', 'enamel', '--', '--version'], {
      cwd: root,
      env: { ...process.env, ...env },
    })
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
