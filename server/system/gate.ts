/**
 * Runs at most `slots` tasks at once; the others wait their turn in order. Used where a task
 * occupies a core outside the event loop (argon2 in libuv's pool), so that a burst of them
 * cannot take every core from the event loop that serves all other terminals.
 */
export function createGate(slots: number) {
  if (!Number.isInteger(slots) || slots < 1)
    throw new Error(`gate needs at least 1 slot, not ${slots}`)
  let running = 0
  const waiting: (() => void)[] = []
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < slots) running++
      // A finishing task hands its slot straight to the next in line.
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        return await task()
      } finally {
        const next = waiting.shift()
        if (next) next()
        else running--
      }
    },
    /** Tasks running and waiting now. */
    load: () => ({ running, waiting: waiting.length }),
  }
}
