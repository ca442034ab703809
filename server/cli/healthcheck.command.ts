import { request } from 'node:http'
import { loadConfig } from '../config.js'
import { healthSocketPath } from '../system/health-socket.js'
import { parseOptions, type Command } from './cli-context.js'

/** enamel healthcheck: exit 0 when the running server answers on its local health socket. */
export const healthcheckCommand: Command = async (args, io) => {
  parseOptions(args, {})
  const config = loadConfig(io.env)
  const status = await new Promise<number>((resolve) => {
    const req = request(
      { socketPath: healthSocketPath(config.dataDir), path: '/healthz', timeout: 5000 },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => resolve(0))
    req.end()
  })
  if (status === 200) {
    io.out('ok')
    return 0
  }
  io.out(
    status === 0
      ? 'enamel is not running (no answer on its health socket)'
      : `unhealthy (${status})`,
  )
  return 1
}
