import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { BackupError } from './backup-error.js'

// Tells this process from an earlier one that had the same PID (PID 1-ish in containers).
const INSTANCE = randomBytes(8).toString('hex')

/**
 * Takes the staging directory for this process: `enamel backup run` from the CLI and the
 * server's scheduler must never stage at the same time. A lock left by a process that no
 * longer exists is taken over.
 * @returns a function that releases the lock.
 * @throws BackupError 'busy' when another live process holds it.
 */
export function lockStaging(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = path.join(dir, 'lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid} ${INSTANCE}`, { flag: 'wx', mode: 0o600 })
      return () => rmSync(file, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const [pidText, instance] = readFileSync(file, 'utf8').trim().split(' ')
      const pid = Number(pidText)
      const ours = pid === process.pid
      if ((ours && instance === INSTANCE) || (!ours && alive(pid))) {
        throw new BackupError('busy', `another Enamel process (PID ${pid}) is backing up now`)
      }
      rmSync(file, { force: true })
    }
  }
  throw new BackupError('busy', 'the backup staging directory is locked')
}

/** True when a process with this id exists (EPERM: it exists but is not ours). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
