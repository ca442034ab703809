import { loadConfig } from '../config.js'
import { initDataDir } from '../system/init.service.js'
import { parseOptions, printJson, type Command } from './cli-context.js'

/** enamel init [--json] [--owner-login L] [--owner-name N] */
export const initCommand: Command = async (args, io) => {
  const { values } = parseOptions(args, {
    json: { type: 'boolean' },
    'owner-login': { type: 'string' },
    'owner-name': { type: 'string' },
  })
  const config = loadConfig(io.env)
  const r = await initDataDir(config, {
    ownerLogin: values['owner-login'],
    ownerName: values['owner-name'],
  })
  if (values.json) {
    printJson(io, r)
  } else {
    io.out(`Initialized ${config.dataDir}`)
    io.out(`Address:            ${r.url}`)
    io.out(`Clinic CA:          ${r.caCert}`)
    io.out(`Owner certificate:  ${r.device.p12}`)
    io.out(`Its passphrase:     ${r.device.passphrase}`)
    io.out(`Owner login:        ${r.owner.login}`)
    io.out(`One-time password:  ${r.owner.password}`)
  }
  return 0
}
