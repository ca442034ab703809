import { loadConfig } from './config.js'
import { startEnamel } from './system/server.service.js'
import { initDataDir, type InitResult } from './system/init.service.js'
import { createLogger } from './system/logger.js'
import { oneLine } from './system/operator-error.js'
import { checkIntegrityWhileServing, isInitialized, openRuntime } from './system/runtime.js'

function printFirstStart(r: InitResult) {
  const lines = [
    '',
    'Enamel is set up. Keep this once; the password and passphrase are not stored anywhere.',
    `  Address:            ${r.url}`,
    `  Clinic CA:          ${r.caCert}  (trust it as a root CA on the owner's PC)`,
    `  Owner certificate:  ${r.device.p12}`,
    `  Its passphrase:     ${r.device.passphrase}`,
    `  Owner login:        ${r.owner.login}`,
    `  One-time password:  ${r.owner.password}  (you choose your own at the first login)`,
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

async function main() {
  const config = loadConfig()
  const log = createLogger(config)
  if (!isInitialized(config)) printFirstStart(await initDataDir(config))
  const rt = await openRuntime(config, { deferIntegrityCheck: true, durableAnswers: true })
  const started = performance.now()
  const running = await startEnamel(rt, log)
  log.info({ url: running.url, startMs: Math.round(performance.now() - started) }, 'listening')
  let stopping = false
  const stop = async (signal: string, code = 0) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'stopping')
    await running.stop()
    await rt.close()
    process.exit(code)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  // A damaged database stops the service: the operator restores from a proven backup.
  const checking = performance.now()
  const check = await checkIntegrityWhileServing(config).catch((err: unknown) => oneLine(err))
  if (check === 'ok') {
    log.info({ integrityMs: Math.round(performance.now() - checking) }, 'database integrity ok')
    return
  }
  log.fatal({ check }, 'database integrity check failed')
  process.stderr.write(`enamel: database integrity check failed: ${check}\n`)
  await stop('integrity', 1)
}

main().catch((err: unknown) => {
  process.stderr.write(`enamel: ${oneLine(err)}\n`)
  process.exit(1)
})
