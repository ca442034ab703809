import { readdirSync, readlinkSync } from 'node:fs'
import { readlink } from 'node:fs/promises'
import { getPriority } from 'node:os'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { lowerPoolThreads, POOL_NICENESS } from './thread-priority.js'

// libuv's pool threads run below the event loop; the event loop, V8's helpers and worker
// threads keep their priority.

const tidOf = (link: string) => Number(link.split('/').pop())

describe.runIf(process.platform === 'linux')('lowerPoolThreads', () => {
  it('lowers the pool threads it finds, and no other thread', async () => {
    const base = getPriority(process.pid)
    const self = tidOf(readlinkSync('/proc/thread-self'))
    // A thread of our own, which reports its id and waits until told to end.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads')
       parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self'))
       parentPort.once('message', () => process.exit(0))`,
      { eval: true },
    )
    const workerTid = tidOf(await new Promise<string>((resolve) => worker.once('message', resolve)))
    const before = new Map(
      readdirSync('/proc/self/task').map((t) => [Number(t), getPriority(Number(t))]),
    )

    let lowered = 0
    for (let i = 0; i < 5; i++) lowered += await lowerPoolThreads()
    // Whichever pool thread serves a request now runs lowered.
    const served = tidOf(await readlink('/proc/thread-self'))
    expect(served).not.toBe(self)
    expect(getPriority(served)).toBe(Math.min(19, base + POOL_NICENESS))
    expect(lowered).toBeGreaterThan(0)
    // The test's own thread and our worker are not pool threads: untouched, as the others.
    expect(getPriority(self)).toBe(before.get(self))
    expect(getPriority(workerTid)).toBe(before.get(workerTid))
    const changed = [...before].filter(([tid, p]) => {
      try {
        return getPriority(tid) !== p
      } catch {
        return false
      }
    })
    expect(changed.length).toBeLessThanOrEqual(lowered)
    // Known threads are not counted twice.
    expect(await lowerPoolThreads(1)).toBe(0)
    worker.postMessage('end')
    await new Promise((resolve) => worker.once('exit', resolve))
  })
})
