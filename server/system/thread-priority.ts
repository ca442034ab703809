import { readdirSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'

/** How much lower than the event loop the process's other threads run (nice levels). */
export const HELPER_NICENESS = 10

/**
 * Lowers the CPU priority of every thread of this process but the main one, which runs the
 * event loop that answers every terminal: libuv's pool (argon2, fsync, file reads), V8's
 * garbage-collection and compiler helpers, worker threads. Twenty sign-ins at once keep a
 * core busy with argon2 for a second or more; at equal priority the event loop then waits
 * for the CPU behind it (bench: event-loop delay during 20 logins). Lower-priority threads
 * still get every idle cycle, so a login is slower only while the terminals are busy.
 *
 * Linux only: setpriority() there takes a thread id. New threads (libuv starts its pool on
 * first use) are caught by calling this again; it changes only threads not yet lowered, and
 * never raises one (which would need privileges). Returns how many threads it lowered.
 */
export function lowerHelperThreads(niceness = HELPER_NICENESS): number {
  if (process.platform !== 'linux') return 0
  let tids: string[]
  try {
    tids = readdirSync('/proc/self/task')
  } catch {
    return 0
  }
  const main = getPriority(process.pid)
  let lowered = 0
  for (const name of tids) {
    const tid = Number(name)
    if (!Number.isInteger(tid) || tid === process.pid) continue
    try {
      if (getPriority(tid) >= main + niceness) continue
      setPriority(tid, Math.min(19, main + niceness))
      lowered++
    } catch {
      // The thread ended meanwhile, or the system refuses: it keeps its priority.
    }
  }
  return lowered
}
