import { isObject, num } from './json-lines.js'
import { runRestic, type ResticRepo } from './run.js'

// Repository upkeep: retention, data checks, restores, stale locks.
// Each throws ResticError on any exit but 0.

export interface Retention {
  hourly: number
  daily: number
  weekly: number
  monthly: number
  yearly: number
}

/**
 * `restic forget --prune` over Enamel's snapshots of every host as one group (paths and
 * version tags change; the clinic's history does not). Prune's text between the JSON is ignored.
 * @returns how many snapshots were removed.
 */
export async function forgetAndPrune(
  repo: ResticRepo,
  tag: string,
  keep: Retention,
  signal?: AbortSignal,
): Promise<number> {
  let removed = 0
  const k = (name: string, n: number) => [`--keep-${name}`, String(n)]
  await runRestic(
    repo,
    [
      'forget',
      '--json',
      '--prune',
      '--tag',
      tag,
      '--group-by',
      '',
      ...k('hourly', keep.hourly),
      ...k('daily', keep.daily),
      ...k('weekly', keep.weekly),
      ...k('monthly', keep.monthly),
      ...k('yearly', keep.yearly),
    ],
    {
      signal,
      onArray: (groups) => {
        for (const g of groups)
          if (isObject(g) && Array.isArray(g.remove)) removed += g.remove.length
      },
    },
  )
  return removed
}

/** Repository size on the backend (`stats --mode raw-data`). */
export async function repositorySize(repo: ResticRepo): Promise<number | undefined> {
  let size: number | undefined
  await runRestic(repo, ['stats', '--json', '--mode', 'raw-data'], {
    onMessage: (m) => (size ??= num(m, 'total_size')),
  })
  return size
}

export type CheckMode =
  { readData: 'none' } | { readData: 'full' } | { readData: 'subset'; n: number; of: number }

/**
 * `restic check`, reading back pack data as asked. 0.14 has no JSON for check: success is
 * exit 0 alone, and any failure carries restic's text.
 */
export async function check(repo: ResticRepo, mode: CheckMode, signal?: AbortSignal) {
  const args = ['check']
  if (mode.readData === 'full') args.push('--read-data')
  if (mode.readData === 'subset') args.push(`--read-data-subset=${mode.n}/${mode.of}`)
  return runRestic(repo, args, { signal })
}

/** `restic restore <id> --target dir`; `latest` means the newest snapshot with `tag`. */
export async function restore(
  repo: ResticRepo,
  snapshot: string,
  target: string,
  tag: string,
  signal?: AbortSignal,
) {
  const which = snapshot === 'latest' ? ['latest', '--tag', tag] : [snapshot]
  return runRestic(repo, ['restore', ...which, '--target', target], { signal })
}

/** `restic unlock`: removes only locks restic itself judges stale (see errors.ts). */
export async function unlockStale(repo: ResticRepo): Promise<void> {
  await runRestic(repo, ['unlock'])
}
