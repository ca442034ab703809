import { ResticError } from '../restic/errors.js'

/**
 * A backup, drill or restore that failed for a reason Enamel found itself (a snapshot missing
 * expected paths, a restored file that does not match the manifest, a broken audit chain…).
 */
export class BackupError extends Error {
  override name = 'BackupError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The code and one-line message to record for any failure. */
export function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof BackupError || err instanceof ResticError) {
    return { code: err.code, message: err.message }
  }
  const e = err as NodeJS.ErrnoException
  if (e?.code === 'ENOSPC') return { code: 'no_space', message: e.message }
  return {
    code: 'failed',
    message: String(e?.message ?? err)
      .split('\n')[0]!
      .slice(0, 500),
  }
}
