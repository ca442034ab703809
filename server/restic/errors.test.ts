import { describe, expect, it } from 'vitest'
import { classifyFailure, parseLockInfo, summarizeStderr } from './errors.js'
import { parseJsonLine, splitJsonLines } from './json-lines.js'
import { capabilities, parseResticVersion } from './version.js'

// stderr as restic 0.14 prints it (all of these exit 1 there).
const STDERR = {
  wrongPassword: 'Fatal: wrong password or no key found\n',
  missing:
    'Fatal: unable to open config file: stat /srv/repo/config: no such file or directory\nIs there a repository at the following location?\n/srv/repo\n',
  sftpDown:
    'ssh: connect to host 127.0.0.1 port 2222: Connection refused\nFatal: unable to open repository at sftp:root@127.0.0.1:/r: unable to start the sftp session, error: EOF\n',
  restDown:
    'Fatal: unable to open config file: client.Head: Head "http://127.0.0.1:1/config": dial tcp 127.0.0.1:1: connect: connection refused\nIs there a repository at the following location?\nrest:http://127.0.0.1:1/\n',
  locked:
    'unable to create lock in backend: repository is already locked by PID 30291 on vm by root (UID 0, GID 0)\nlock was created at 2026-11-29 06:08:27 (1h2m3.5s ago)\nstorage ID e2d739c0\nthe `unlock` command can be used to remove stale locks\n',
  full: 'Fatal: unable to save snapshot: write /mnt/usb/repo/data/ab/abcd: no space left on device\n',
  exists: 'Fatal: create repository at /srv/repo failed: config file already exists\n',
}

describe('restic failures', () => {
  it('classify restic 0.14 messages (everything exits 1 there)', () => {
    expect(classifyFailure(1, STDERR.wrongPassword)).toBe('wrong_password')
    expect(classifyFailure(1, STDERR.missing)).toBe('repo_missing')
    expect(classifyFailure(1, STDERR.sftpDown)).toBe('repo_unreachable')
    // "Is there a repository…" also follows a refused connection: unreachable wins.
    expect(classifyFailure(1, STDERR.restDown)).toBe('repo_unreachable')
    expect(classifyFailure(1, STDERR.locked)).toBe('locked')
    expect(classifyFailure(1, STDERR.full)).toBe('no_space')
    expect(classifyFailure(1, STDERR.exists)).toBe('repo_exists')
    expect(classifyFailure(1, 'Fatal: something new\n')).toBe('failed')
  })

  it('classify the exit codes of newer restic first, and unknown codes as failures', () => {
    expect(classifyFailure(3, '')).toBe('incomplete')
    expect(classifyFailure(10, '')).toBe('repo_missing')
    expect(classifyFailure(11, '')).toBe('locked')
    expect(classifyFailure(12, '')).toBe('wrong_password')
    expect(classifyFailure(130, '')).toBe('interrupted')
    expect(classifyFailure(2, 'panic: runtime error')).toBe('failed')
    expect(classifyFailure(77, '')).toBe('failed')
  })

  it('read the lock holder and its age', () => {
    expect(parseLockInfo(STDERR.locked)).toEqual({ pid: 30291, host: 'vm', ageSeconds: 3724 })
    expect(parseLockInfo('lock was created at x (1.96999988s ago)').ageSeconds).toBe(2)
  })

  it('never repeat credentials from a repository URL', () => {
    expect(
      summarizeStderr(
        'Fatal: Head "https://clinic:s3cret@backup.example/config": dial tcp: i/o timeout',
      ),
    ).toBe('Head "https://***@backup.example/config": dial tcp: i/o timeout')
  })

  it('show the Fatal line without its prefix', () => {
    expect(summarizeStderr(STDERR.wrongPassword)).toBe('wrong password or no key found')
    expect(summarizeStderr(STDERR.locked)).toMatch(/^unable to create lock/)
  })
})

describe('restic output', () => {
  it('keeps JSON lines and sets garbage aside without failing', () => {
    const out = splitJsonLines(
      '[{"id":"a"}]\nloading indexes...\n{"message_type":"status"\n{"total_size":5}\n\n',
    )
    expect(out.values).toEqual([[{ id: 'a' }], { total_size: 5 }])
    expect(out.text).toEqual(['loading indexes...', '{"message_type":"status"'])
    expect(parseJsonLine('"a string"')).toBeUndefined()
    expect(parseJsonLine('null')).toBeUndefined()
  })

  it('parses the version and what it lacks', () => {
    const v = parseResticVersion('restic 0.14.0 compiled with go1.19.8 on linux/amd64')!
    expect(v).toMatchObject({ major: 0, minor: 14, patch: 0, text: '0.14.0' })
    expect(capabilities(v)).toEqual({ retryLock: false, distinctExitCodes: false })
    expect(capabilities(parseResticVersion('restic 0.17.3 compiled')!)).toEqual({
      retryLock: true,
      distinctExitCodes: true,
    })
    expect(parseResticVersion('borg 1.2')).toBeUndefined()
  })
})
