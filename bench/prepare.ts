import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../server/cli/run.js'
import Database from 'better-sqlite3'

// The bench's data: generated once per seed and size into bench/.cache/<key>/ (init,
// demo-data, the terminals' certificates, all through the operator CLI), then for each run
// the database, keys and PKI are copied into a scratch directory (a run writes sessions and
// audit events; the next run must start from the same state). The 1 GB of attachments is
// only read, so the scratch directory links to the cached files folder.

export interface Sizes {
  seed: number
  patients: number
  entries: number
  attachments: number
  attachmentKb: number
  today: string
  terminals: number
}

export interface DeviceBundle {
  id: number
  p12: string
  passphrase: string
}

export interface Prepared {
  cacheDir: string
  dataDir: string
  generatedMs: number
  cached: boolean
  demo: {
    password: string
    logins: { doctors: string[]; receptionists: string[] }
    counts: {
      appointments: number
      visits: number
      corrections: number
      toothStates: number
      attachments: number
    }
    ms: number
  }
  caCert: string
  reception: DeviceBundle[]
  surgery: DeviceBundle[]
  dbBytes: number
  filesBytes: number
}

async function cli(dataDir: string, args: string[]): Promise<string> {
  const out: string[] = []
  const errs: string[] = []
  const code = await runCli(
    args,
    {
      out: (l) => out.push(l),
      env: { ...process.env, ENAMEL_DATA_DIR: dataDir, ENAMEL_LOG_LEVEL: 'silent' },
    },
    (l) => errs.push(l),
  )
  if (code !== 0) throw new Error(`enamel ${args.join(' ')} failed: ${errs.join(' ')}`)
  return out.join('\n')
}

export function duSync(dir: string): number {
  let total = 0
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile()) total += statSync(p).size
    }
  }
  if (existsSync(dir)) walk(dir)
  return total
}

/** Generates the cached clinic if missing, then makes this run's scratch copy. */
export async function prepare(root: string, s: Sizes, log: (l: string) => void): Promise<Prepared> {
  const key = `s${s.seed}-p${s.patients}-e${s.entries}-a${s.attachments}-kb${s.attachmentKb}-${s.today}-t${s.terminals}`
  const cacheDir = path.join(root, 'bench', '.cache', key)
  const cachedData = path.join(cacheDir, 'data')
  const manifest = path.join(cacheDir, 'bench.json')
  const cached = existsSync(manifest)
  // Resumable: each step leaves its file, so an interrupted generation picks up where it was.
  if (!cached) {
    mkdirSync(cacheDir, { recursive: true })
    const initFile = path.join(cacheDir, 'init.json')
    const demoFile = path.join(cacheDir, 'demo.json')
    if (!existsSync(initFile)) {
      rmSync(cachedData, { recursive: true, force: true })
      writeFileSync(initFile, await cli(cachedData, ['init', '--json']))
    }
    if (!existsSync(demoFile)) {
      log(
        `generating the demo clinic into ${path.relative(root, cacheDir)} (once per seed and size)…`,
      )
      const out = await cli(cachedData, [
        'demo-data',
        ...['--patients', String(s.patients), '--entries', String(s.entries)],
        ...['--attachments', String(s.attachments), '--attachment-kb', String(s.attachmentKb)],
        ...['--seed', String(s.seed), '--today', s.today, '--json'],
      ])
      writeFileSync(demoFile, out)
    }
    const init = JSON.parse(readFileSync(initFile, 'utf8')) as { caCert: string }
    const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as Prepared['demo']
    log(`demo clinic generated in ${(demo.ms / 1000).toFixed(1)} s; issuing terminals…`)
    const issue = async (name: string, zone: string) =>
      JSON.parse(
        await cli(cachedData, ['device', 'issue', '--name', name, '--zone', zone, '--json']),
      ) as DeviceBundle
    const reception: DeviceBundle[] = []
    const surgery: DeviceBundle[] = []
    for (let i = 1; i <= s.terminals; i++)
      reception.push(await issue(`Bench reception ${i}`, 'reception'))
    for (let i = 1; i <= s.terminals; i++)
      surgery.push(await issue(`Bench surgery ${i}`, 'surgery'))
    writeFileSync(
      manifest,
      JSON.stringify({ caCert: init.caCert, demo, reception, surgery }, null, 2),
    )
  }
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as Omit<
    Prepared,
    'cacheDir' | 'dataDir' | 'cached' | 'dbBytes' | 'filesBytes' | 'generatedMs'
  >
  // A clinic cached by an older build is upgraded once, here, as `enamel` would on its first
  // start: start-up is then timed as every later start of a clinic runs, with nothing pending.
  // The upgrade's safety copy is of no use to a bench and is 300 MB.
  await cli(cachedData, ['device', 'list'])
  rmSync(path.join(cachedData, 'pre-upgrade'), { recursive: true, force: true })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-bench-'))
  // A consistent single file: fold the WAL in before copying.
  const db = new Database(path.join(cachedData, 'enamel.db'))
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  for (const f of ['enamel.db', 'keys', 'pki', 'devices']) {
    const from = path.join(cachedData, f)
    if (existsSync(from))
      cpSync(from, path.join(dataDir, f), { recursive: true, preserveTimestamps: true })
  }
  symlinkSync(path.join(cachedData, 'files'), path.join(dataDir, 'files'))
  // Bundles live in <data>/devices/, the CA in <data>/pki/ (the cache may have been moved).
  const remap = (b: DeviceBundle) => ({
    ...b,
    p12: path.join(dataDir, 'devices', path.basename(b.p12)),
  })
  return {
    ...m,
    generatedMs: m.demo.ms,
    cached,
    cacheDir,
    dataDir,
    caCert: path.join(dataDir, 'pki', path.basename(m.caCert)),
    reception: m.reception.map(remap),
    surgery: m.surgery.map(remap),
    dbBytes: statSync(path.join(dataDir, 'enamel.db')).size,
    filesBytes: duSync(path.join(cachedData, 'files')),
  }
}
