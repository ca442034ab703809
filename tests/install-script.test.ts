import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const script = path.resolve(import.meta.dirname, '../scripts/install.sh')

async function install(args: string[]) {
  try {
    const { stdout } = await run('bash', [script, ...args])
    return { code: 0, out: stdout }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, out: err.stdout + err.stderr }
  }
}

describe('scripts/install.sh', () => {
  it('--dry-run prints every step and changes nothing', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'enamel-install-'))
    const r = await install(['--dry-run', '--root', root])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`would run: install -d -m 0755 ${root}/opt/enamel`)
    expect(r.out).toContain(`would run: install -m 0644 `)
    expect(r.out).toContain(`${root}/etc/systemd/system/enamel.service`)
    expect(r.out).toContain(
      `would run: install -d -m 0700 -o enamel -g enamel ${root}/var/lib/enamel`,
    )
    expect(r.out).toContain('would run: enamel init as user enamel')
    expect(r.out).toContain('would run: systemctl enable --now enamel.service')
    expect(r.out).not.toMatch(/^\+ /m)
    expect(readdirSync(root)).toEqual([])
  })

  it('never touches an existing data dir and keeps an existing config', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'enamel-install-'))
    mkdirSync(path.join(root, 'var/lib/enamel'), { recursive: true })
    writeFileSync(path.join(root, 'var/lib/enamel/enamel.db'), 'clinic')
    mkdirSync(path.join(root, 'etc/enamel'), { recursive: true })
    writeFileSync(path.join(root, 'etc/enamel/enamel.conf'), 'ENAMEL_PORT=8443\n')
    const r = await install(['--dry-run', '--root', root])
    expect(r.code).toBe(0)
    expect(r.out).toContain('holds a clinic; not touching it')
    expect(r.out).toContain('exists, kept as it is')
    expect(r.out).not.toContain('enamel init')
    expect(r.out).not.toContain('/var/lib/enamel\n')
  })

  it('uninstall keeps the data and the settings', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'enamel-install-'))
    const r = await install(['--dry-run', '--uninstall', '--root', root])
    expect(r.code).toBe(0)
    expect(r.out).toContain(`would run: rm -rf ${root}/opt/enamel`)
    expect(r.out).toContain(`kept: ${root}/var/lib/enamel`)
    expect(r.out).not.toMatch(/^would run: rm -rf \S*var\/lib\/enamel$/m)
  })

  it('refuses unknown options and a real run without root', async () => {
    expect((await install(['--frobnicate'])).code).toBe(2)
    if (process.getuid?.() !== 0) {
      expect((await install([])).out).toContain('run as root')
    }
  })
})
