import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSecureContext } from 'node:tls'
import { promisify } from 'node:util'
import { Agent, request } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { bundle } from '../scripts/build.mjs'

// `npm start`, systemd and Docker run the bundle of scripts/build.mjs, not the TypeScript the
// other tests run: build it, set up a clinic with its CLI, start its server, and sign in to
// the login page over mutual TLS with the owner's certificate.

const root = path.resolve(import.meta.dirname, '..')
const run = promisify(execFile)
const cleanup: (() => void)[] = []
afterAll(() => cleanup.reverse().forEach((f) => f()))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

describe('the production bundle', { timeout: 120_000 }, () => {
  it('builds, initialises a clinic, serves over mutual TLS and stops cleanly', async () => {
    // Inside the repository, so the bundle finds package.json and static/ as dist/ does.
    mkdirSync(path.join(root, 'test-results'), { recursive: true })
    const out = mkdtempSync(path.join(root, 'test-results', 'build-'))
    const dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-build-'))
    cleanup.push(() => rmSync(out, { recursive: true, force: true }))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    await bundle(['server/main.ts', 'server/cli.ts'], out)

    const [port, enrollPort] = [await freePort(), await freePort()]
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ENAMEL_DATA_DIR: dataDir,
      ENAMEL_HOST: '127.0.0.1',
      ENAMEL_PORT: String(port),
      ENAMEL_ENROLL_PORT: String(enrollPort),
      ENAMEL_PUBLIC_NAMES: '127.0.0.1',
    }
    delete env.ENAMEL_BACKUP_REPOSITORY
    const cli = (...args: string[]) =>
      run(process.execPath, [path.join(out, 'server', 'cli.js'), ...args], { env })
    const init = JSON.parse((await cli('init', '--json')).stdout) as {
      caCert: string
      device: { p12: string; passphrase: string }
    }

    const server = spawn(process.execPath, [path.join(out, 'server', 'main.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    cleanup.push(() => server.kill('SIGKILL'))
    let log = ''
    server.stdout.on('data', (d: Buffer) => (log += d.toString()))
    server.stderr.on('data', (d: Buffer) => (log += d.toString()))
    await expect.poll(() => log, { timeout: 60_000 }).toContain('"msg":"database integrity ok"')
    expect(log).toContain('"msg":"listening"')

    expect((await cli('healthcheck')).stdout.trim()).toBe('ok')

    const agent = new Agent({
      connect: {
        secureContext: createSecureContext({
          pfx: readFileSync(init.device.p12),
          passphrase: init.device.passphrase,
          ca: readFileSync(init.caCert),
        }),
      },
    })
    cleanup.push(() => void agent.close())
    const page = await request(`https://127.0.0.1:${port}/login`, { dispatcher: agent })
    const html = await page.body.text()
    expect(page.statusCode).toBe(200)
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).toContain('name="_csrf"')
    const css = html.match(/href="(\/static\/[^"]+\.css)"/)?.[1]
    expect(css).toBeDefined()
    const style = await request(`https://127.0.0.1:${port}${css}`, { dispatcher: agent })
    expect(style.statusCode).toBe(200)
    await style.body.text()

    const exited = new Promise<number | null>((r) => server.once('exit', r))
    server.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
