import { chmod, mkdir, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { restore } from '../restic/maintenance.js'
import type { ResticRepo } from '../restic/run.js'
import { BackupError } from './backup-error.js'
import { SNAPSHOT_TAG } from './repo.js'
import { proveRestoredDir, type RestoreProof } from './restore-proof.js'
import { MASTER_KEY_PATH } from './staging.js'

/**
 * `enamel restore`: restores a snapshot (an id, or `latest` among Enamel's snapshots) into
 * `target`, which must be absent or empty, proves it like a drill does and leaves a data
 * directory `openRuntime` opens: enamel.db, files/, pki/, keys/master.key (+ manifest.json).
 * @throws BackupError 'target_not_empty' | the proof's codes; ResticError from restic.
 */
export async function restoreSnapshot(
  repo: ResticRepo,
  snapshot: string,
  target: string,
): Promise<RestoreProof> {
  if (!/^(latest|[0-9a-f]{8,64})$/.test(snapshot)) {
    throw new BackupError(
      'bad_snapshot',
      `--snapshot must be "latest" or a snapshot id (got ${JSON.stringify(snapshot)})`,
    )
  }
  const dir = path.resolve(target)
  const st = await stat(dir).catch(() => undefined)
  if (st && !st.isDirectory())
    throw new BackupError('target_not_empty', `${dir} is not a directory`)
  if (st && (await readdir(dir)).length > 0) {
    throw new BackupError(
      'target_not_empty',
      `${dir} is not empty; restore only into an empty or new directory`,
    )
  }
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await restore(repo, snapshot, dir, SNAPSHOT_TAG)
  // restic restores the modes it saved; the data dir and the secrets are made private anyway.
  await chmod(dir, 0o700)
  for (const sub of ['pki', 'keys', 'files'])
    await chmod(path.join(dir, sub), 0o700).catch(() => {})
  await chmod(path.join(dir, MASTER_KEY_PATH), 0o600).catch(() => {})
  return proveRestoredDir(dir)
}
