import { readlink } from 'node:fs/promises'
import { getPriority, setPriority } from 'node:os'

/** How much lower than the event loop libuv's pool threads run (nice levels). */
export const POOL_NICENESS = 10

const known = new Set<number>()
// libuv's pool size: its default, or what the environment asked for (read at its start).
const POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4

/**
 * Runs libuv's thread pool (argon2, fsync, file reads) below the priority of the event loop,
 * which answers every terminal. Twenty sign-ins at once keep a pool thread busy with argon2
 * for a second or more; at equal priority the event loop waits behind it for a core (bench:
 * event-loop delay during 20 logins). Lower-priority threads still get every idle cycle, so a
 * login is slower only while the terminals are busy.
 *
 * A pool thread is found by asking it: readlink("/proc/thread-self") runs on the pool thread
 * that serves it and names that thread. Only threads found so are lowered, never the event
 * loop's, V8's garbage-collection helpers (the event loop waits for them) or worker threads.
 * Each call sends a few probes, so threads libuv starts later, or that a busy pool left out,
 * are found at a later call. Linux only; returns how many threads it lowered.
 */
export async function lowerPoolThreads(probes = 8): Promise<number> {
  if (process.platform !== 'linux' || known.size >= POOL_SIZE) return 0
  const links = await Promise.all(
    Array.from({ length: probes }, () => readlink('/proc/thread-self').catch(() => '')),
  )
  const base = getPriority(process.pid)
  let lowered = 0
  for (const link of links) {
    const tid = Number(link.split('/').pop())
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid || known.has(tid)) continue
    known.add(tid)
    try {
      if (getPriority(tid) < base + POOL_NICENESS) {
        setPriority(tid, Math.min(19, base + POOL_NICENESS))
        lowered++
      }
    } catch {
      // The thread ended meanwhile, or the system refuses: it keeps its priority.
    }
  }
  return lowered
}
