import { ResticError } from './errors.js'
import { isObject, messageType, num, str, type JsonObject } from './json-lines.js'
import { runRestic, type ResticRepo } from './run.js'

// One function per restic command Enamel uses. Each throws ResticError on any exit but 0.

export interface BackupProgress {
  percent: number
  bytesDone: number
  totalBytes: number
}

export interface BackupSummary {
  snapshotId: string
  filesNew: number
  filesChanged: number
  dataAdded: number
  totalBytes: number
}

export interface Snapshot {
  id: string
  shortId: string
  time: string
  hostname: string
  tags: string[]
}

/** `restic init`. 0.14 prints no JSON here, so only the exit code counts. */
export async function initRepository(repo: ResticRepo): Promise<void> {
  await runRestic(repo, ['init'])
}

/** True when the repository answers with its config; false only when it does not exist. */
export async function repositoryExists(repo: ResticRepo): Promise<boolean> {
  try {
    await runRestic(repo, ['cat', 'config'])
    return true
  } catch (err) {
    if (err instanceof ResticError && err.code === 'repo_missing') return false
    throw err
  }
}

/**
 * `restic backup --json` of `paths` relative to `cwd`, so the snapshot's root holds them
 * directly and a restore maps back onto a data directory.
 * @throws ResticError 'incomplete' for exit 3, 'bad_output' when no summary line came.
 */
export async function backup(
  repo: ResticRepo,
  cwd: string,
  paths: readonly string[],
  tags: readonly string[],
  opts: { onProgress?: (p: BackupProgress) => void; signal?: AbortSignal } = {},
): Promise<BackupSummary> {
  let summary: JsonObject | undefined
  const tagArgs = tags.flatMap((t) => ['--tag', t])
  await runRestic(repo, ['backup', '--json', ...tagArgs, '--', ...paths], {
    cwd,
    signal: opts.signal,
    onMessage: (m) => {
      const type = messageType(m)
      if (type === 'summary') summary = m
      else if (type === 'status' && opts.onProgress) {
        opts.onProgress({
          percent: Math.min(100, Math.round((num(m, 'percent_done') ?? 0) * 1000) / 10),
          bytesDone: num(m, 'bytes_done') ?? 0,
          totalBytes: num(m, 'total_bytes') ?? 0,
        })
      }
    },
  })
  const id = summary && str(summary, 'snapshot_id')
  if (!summary || !id || !/^[0-9a-f]{8,64}$/.test(id)) {
    throw new ResticError('bad_output', 'restic backup printed no summary with a snapshot id', 0)
  }
  return {
    snapshotId: id,
    filesNew: num(summary, 'files_new') ?? 0,
    filesChanged: num(summary, 'files_changed') ?? 0,
    dataAdded: num(summary, 'data_added') ?? 0,
    totalBytes: num(summary, 'total_bytes_processed') ?? 0,
  }
}

/** Every path in a snapshot ("/enamel.db", "/files/ab…"), from `restic ls --json`. */
export async function listSnapshotPaths(
  repo: ResticRepo,
  snapshotId: string,
): Promise<Set<string>> {
  const paths = new Set<string>()
  await runRestic(repo, ['ls', '--json', snapshotId], {
    onMessage: (m) => {
      const p = str(m, 'path')
      if (messageType(m) === 'node' && p) paths.add(p)
    },
  })
  return paths
}

/** Snapshots carrying `tag`, oldest first. */
export async function listSnapshots(repo: ResticRepo, tag: string): Promise<Snapshot[]> {
  let list: unknown[] | undefined
  await runRestic(repo, ['snapshots', '--json', '--tag', tag], { onArray: (a) => (list ??= a) })
  if (!list) throw new ResticError('bad_output', 'restic snapshots printed no JSON list', 0)
  return list.filter(isObject).flatMap((s) => {
    const id = str(s, 'id')
    if (!id) return []
    const tags = Array.isArray(s.tags)
      ? s.tags.filter((t): t is string => typeof t === 'string')
      : []
    return [
      {
        id,
        shortId: str(s, 'short_id') ?? id.slice(0, 8),
        time: str(s, 'time') ?? '',
        hostname: str(s, 'hostname') ?? '',
        tags,
      },
    ]
  })
}
