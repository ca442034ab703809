import { listSnapshots } from '../restic/commands.js'
import { repositorySize } from '../restic/maintenance.js'
import type { ResticRepo } from '../restic/run.js'
import type { BackupStatus } from './backup-control.js'
import { describeFailure } from './backup-error.js'
import { SNAPSHOT_TAG } from './repo.js'

/**
 * The snapshot list and repository size the owner's page shows, read from restic after each
 * job (and at start-up), never per page view. Reads run one after another.
 */
export class RepositoryCache {
  current?: BackupStatus['repository']
  private pending?: Promise<void>

  constructor(
    private readonly repo: ResticRepo,
    private readonly now: () => Date,
  ) {}

  /** Re-reads after whatever is being read now; never rejects. */
  refresh(): Promise<void> {
    const next = (this.pending ?? Promise.resolve()).then(() => this.read())
    this.pending = next
    void next.finally(() => {
      if (this.pending === next) this.pending = undefined
    })
    return next
  }

  /** Resolves when no read is running (shutdown). */
  async settled(): Promise<void> {
    while (this.pending) await this.pending
  }

  private async read() {
    try {
      const [snapshots, sizeBytes] = await Promise.all([
        listSnapshots(this.repo, SNAPSHOT_TAG),
        repositorySize(this.repo),
      ])
      this.current = { snapshots, sizeBytes, fetchedAt: this.now().toISOString() }
    } catch (err) {
      this.current = {
        ...(this.current ?? { snapshots: [] }),
        fetchedAt: this.now().toISOString(),
        error: describeFailure(err),
      }
    }
  }
}
