import { hostname } from 'node:os'
import type { Logger } from 'pino'
import { unlockStale } from '../restic/maintenance.js'
import { ResticError } from '../restic/errors.js'
import { resticVersion, type ResticRepo } from '../restic/run.js'
import { capabilities } from '../restic/version.js'
import { alive } from './staging-lock.js'

/** restic refreshes a live lock every 5 minutes; one untouched for 30 is left by a crash. */
export const STALE_LOCK_SECONDS = 30 * 60

/**
 * Runs `fn`; when restic reports the repository locked, decides whether the lock is stale:
 * older than 30 minutes, or made on this machine by a process that no longer exists. Only then
 * it runs `restic unlock` (which itself removes only locks restic judges stale, never
 * `--remove-all`) and tries once more. A fresh lock is reported, never removed: another
 * backup may really be running. restic 0.14 has no --retry-lock.
 * @throws the ResticError of the last attempt.
 */
export async function withStaleLockRecovery<T>(
  repo: ResticRepo,
  log: Logger | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (!(err instanceof ResticError) || err.code !== 'locked' || !isStale(err)) throw err
    log?.warn({ lock: err.lock }, 'restic repository has a stale lock; running restic unlock')
    await unlockStale(repo)
    return fn()
  }
}

export function isStale(err: ResticError): boolean {
  const lock = err.lock
  if (!lock) return false
  if ((lock.ageSeconds ?? 0) >= STALE_LOCK_SECONDS) return true
  return lock.host === hostname() && lock.pid !== undefined && !alive(lock.pid)
}

/**
 * The repository as this restic should be driven: on 0.16+ restic itself waits up to two
 * minutes for a lock held by a live job (`--retry-lock`); 0.14 has no such option.
 * @throws ResticError 'not_installed' when restic is missing or too old.
 */
export async function lockAwareRepo(repo: ResticRepo): Promise<ResticRepo> {
  const version = await resticVersion(repo)
  if (!capabilities(version).retryLock) return repo
  return { ...repo, options: [...(repo.options ?? []), '--retry-lock', '2m'] }
}
