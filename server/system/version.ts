import { readFileSync } from 'node:fs'
import path from 'node:path'
import { appRoot } from '../paths.js'

let cached: string | undefined

/** Enamel's version, from package.json (the same in a checkout, dist/ and the Docker image). */
export function enamelVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version
  return cached
}
