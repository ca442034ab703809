import { spawn } from 'node:child_process'

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
}

/**
 * Runs a scanner as an argument array (never a shell) in its own process group, so a
 * timeout kills it and every openssl it started. Resolves with what happened; never rejects
 * for a non-zero exit (each scanner's verdict is read from its own output files).
 */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs: number; cwd?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup('SIGTERM')
      setTimeout(() => killGroup('SIGKILL'), 5000).unref()
    }, opts.timeoutMs)
    const onExit = () => killGroup('SIGKILL')
    process.once('exit', onExit)
    child.once('error', (err) => {
      clearTimeout(timer)
      process.off('exit', onExit)
      reject(new Error(`${cmd}: ${err.message}`))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      process.off('exit', onExit)
      resolve({ code, stdout, stderr, timedOut })
    })
  })
}
