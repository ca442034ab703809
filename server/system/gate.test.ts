import { describe, expect, it } from 'vitest'
import { createGate } from './gate.js'

const tick = () => new Promise((r) => setImmediate(r))

describe('createGate', () => {
  it('runs at most its slots at once, the rest in order, and frees slots on failure', async () => {
    const gate = createGate(2)
    const release: (() => void)[] = []
    const started: number[] = []
    let peak = 0
    const tasks = Array.from({ length: 6 }, (_, i) =>
      gate
        .run(async () => {
          started.push(i)
          peak = Math.max(peak, gate.load().running)
          await new Promise<void>((r) => release.push(r))
          if (i === 1) throw new Error('task 1 fails')
          return i
        })
        .catch((e: Error) => e.message),
    )
    await tick()
    expect(started).toEqual([0, 1])
    expect(gate.load()).toEqual({ running: 2, waiting: 4 })
    // Each finished task lets exactly the next waiting one start.
    for (let i = 0; i < 6; i++) {
      release.shift()!()
      await tick()
      expect(started.length).toBe(Math.min(6, i + 3))
    }
    expect(await Promise.all(tasks)).toEqual([0, 'task 1 fails', 2, 3, 4, 5])
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(peak).toBe(2)
    expect(gate.load()).toEqual({ running: 0, waiting: 0 })
  })

  it('refuses a gate without slots', () => {
    expect(() => createGate(0)).toThrow(/at least 1 slot/)
  })
})
