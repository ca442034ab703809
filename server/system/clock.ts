import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'

export type ClockState = 'synchronized' | 'unsynchronized' | 'unknown'

const CACHE_MS = 5 * 60_000
let cached: { state: ClockState; at: number } | undefined

/**
 * Whether the system clock is kept in sync (audit timestamps depend on it, checklist 25).
 * systemd-timesyncd marks a synced clock with a flag file; otherwise ask timedatectl, which
 * also knows chrony and ntpd. In a container neither answers: 'unknown' (the host keeps time).
 */
export async function clockState(now = Date.now()): Promise<ClockState> {
  if (cached && now - cached.at < CACHE_MS) return cached.state
  let state: ClockState = 'unknown'
  if (existsSync('/run/systemd/timesync/synchronized')) state = 'synchronized'
  else {
    state = await new Promise<ClockState>((resolve) => {
      execFile(
        'timedatectl',
        ['show', '--property=NTPSynchronized', '--value'],
        { timeout: 2000 },
        (err, stdout) => {
          if (err) return resolve('unknown')
          const v = stdout.trim()
          resolve(v === 'yes' ? 'synchronized' : v === 'no' ? 'unsynchronized' : 'unknown')
        },
      )
    })
  }
  cached = { state, at: now }
  return state
}
