// Lints the Dockerfile with dockerfile-utils (no Docker engine needed). dockerfile-utils
// exits 0 even when it reports problems, so any output counts as a failure here.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const bin = path.join(
  path.dirname(require.resolve('dockerfile-utils/package.json')),
  'bin',
  'dockerfile-utils',
)
const file = process.argv[2] ?? 'Dockerfile'
const result = spawnSync(process.execPath, [bin, 'lint', file], { encoding: 'utf8' })
const report = `${result.stdout}${result.stderr}`.trim()
if (result.status !== 0 || report !== '') {
  console.error(`${file}: dockerfile-utils found problems:\n${report}`)
  process.exit(1)
}
