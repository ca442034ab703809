import { runCli } from './cli/run.js'

// The operator CLI's entry point (`enamel`, `npm run -s enamel -- …`).
const code = await runCli(
  process.argv.slice(2),
  { out: (line) => process.stdout.write(line + '\n'), env: process.env },
  (line) => process.stderr.write(line + '\n'),
)
process.exitCode = code
