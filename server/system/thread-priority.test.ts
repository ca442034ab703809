import { readlinkSync } from 'node:fs'
import { getPriority } from 'node:os'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { HELPER_NICENESS, lowerHelperThreads } from './thread-priority.js'

// The event loop's thread keeps its priority; every other thread of the process runs below it.

describe.runIf(process.platform === 'linux')('lowerHelperThreads', () => {
  it('lowers every thread but the main one, once', async () => {
    const main = getPriority(process.pid)
    // A thread of our own, which reports its thread id and waits until told to end.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads')
       parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
       parentPort.once('message', () => process.exit(0))`,
      { eval: true },
    )
    const tid = Number(await new Promise<string>((resolve) => worker.once('message', resolve)))
    expect(tid).not.toBe(process.pid)
    // The test itself may run on a worker thread: its own thread must be lowered too then.
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop())
    expect(getPriority(tid)).toBeLessThan(main + HELPER_NICENESS)

    expect(lowerHelperThreads()).toBeGreaterThan(0)
    expect(getPriority(tid)).toBe(Math.min(19, main + HELPER_NICENESS))
    expect(getPriority(process.pid)).toBe(main)
    if (self !== process.pid) expect(getPriority(self)).toBe(Math.min(19, main + HELPER_NICENESS))
    // Nothing left to lower: a second call changes nothing.
    expect(lowerHelperThreads()).toBe(0)
    worker.postMessage('end')
    await new Promise((resolve) => worker.once('exit', resolve))
  })
})
