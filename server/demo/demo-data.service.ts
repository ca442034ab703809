import { statSync } from 'node:fs'
import { CLI_ACTOR, recordAudit } from '../audit/audit.service.js'
import { fileStoreFor } from '../files/file-store.js'
import { prng } from '../patients/synthetic.js'
import { addDays, clinicToday } from '../schedule/clinic-time.js'
import { UsageError } from '../system/operator-error.js'
import { databaseFile, type Runtime } from '../system/runtime.js'
import { insertDemoClinic } from './demo-clinic.js'
import { insertDemoFiles } from './demo-files.js'
import { insertDemoPatients } from './demo-patients.js'
import { insertDemoRecords, type RecordCounts } from './demo-records.js'

/**
 * The settings key that marks a data directory's patients as generated. Written before the
 * first demo row and completed at the end, so a clinic with real patients (no marker, some
 * patients) is refused, and so is a second run over demo data.
 */
export const DEMO_MARKER_KEY = 'demo_data'

/** An operator asked to mix demo data with real patients, or to generate twice. */
export class DemoRefusedError extends UsageError {
  override name = 'DemoRefusedError'
}

export interface DemoOptions {
  seed: number
  patients: number
  /** Medical rows in total: visit record revisions, then tooth states up to this number. */
  entries: number
  attachments: number
  attachmentBytes: number
  /** The clinic's "today" (YYYY-MM-DD): the schedule ends `ahead` days after it. */
  today?: string
  days: number
  ahead: number
}

export interface DemoResult {
  seed: number
  today: string
  password: string
  logins: { doctors: string[]; receptionists: string[]; assistants: string[] }
  counts: RecordCounts & { patients: number; attachments: number; attachmentBytes: number }
  ms: number
  dbBytes: number
}

/**
 * Fills an initialized, patient-free data directory with a deterministic synthetic clinic
 * (same seed and sizes → same rows) and records one `demo.generate` audit event.
 * @throws DemoRefusedError when the directory holds patients not made by demo-data.
 */
export async function generateDemoData(
  rt: Runtime,
  opts: DemoOptions,
  progress: (line: string) => void,
): Promise<DemoResult> {
  const started = performance.now()
  const { db, sqlite } = rt
  const marker = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', DEMO_MARKER_KEY)
    .executeTakeFirst()
  if (marker) {
    throw new DemoRefusedError(
      `${rt.config.dataDir} already holds demo data (${marker.value}); use a fresh data directory`,
    )
  }
  const existing = await db
    .selectFrom('patients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(existing.n) > 0) {
    throw new DemoRefusedError(
      `${rt.config.dataDir} holds ${existing.n} patient(s) not made by demo-data; demo data goes only into a fresh data directory`,
    )
  }
  const today = opts.today ?? clinicToday(new Date(), rt.config.timeZone)
  const at = new Date().toISOString()
  const describe = (state: string) =>
    JSON.stringify({ state, seed: opts.seed, patients: opts.patients, today, at })
  await db
    .insertInto('settings')
    .values({ key: DEMO_MARKER_KEY, value: describe('generating') })
    .execute()

  // Bulk load: a bigger page cache for the FTS5 and index builds; the connection keeps its
  // synchronous=FULL, but commits are few and large.
  sqlite.pragma('cache_size = -262144')
  const rnd = prng(opts.seed)
  const clinic = await insertDemoClinic(db, rnd, opts.seed, at)
  progress(
    `staff: ${clinic.doctors.length} doctors, ${clinic.receptionists.length} receptionists, ${clinic.assistants.length} assistants; ${clinic.chairIds.length} chairs`,
  )

  const firstId =
    Number(
      (sqlite.prepare('select coalesce(max(id), 0) as m from patients').get() as { m: number }).m,
    ) + 1
  const patients = { first: firstId, count: opts.patients }
  const createdTo = Date.parse(`${today}T00:00:00Z`)
  insertDemoPatients(
    sqlite,
    db,
    rnd,
    { count: opts.patients, createdFrom: createdTo - 3 * 365 * 86_400_000, createdTo, firstId },
    (done) => progress(`patients ${done}/${opts.patients}`),
  )
  const counts = insertDemoRecords(
    sqlite,
    db,
    rnd,
    clinic,
    {
      patients,
      entries: opts.entries,
      today,
      days: opts.days,
      ahead: opts.ahead,
      timeZone: rt.config.timeZone,
    },
    progress,
  )
  const store = fileStoreFor(rt.config.dataDir, rt.keys.files, rt.config.uploadMaxBytes)
  const attachmentBytes = await insertDemoFiles(
    db,
    store,
    rnd,
    clinic,
    {
      count: opts.attachments,
      bytes: opts.attachmentBytes,
      seed: opts.seed,
      patients,
      at: `${addDays(today, -1)}T10:00:00.000Z`,
    },
    (done, bytes) =>
      progress(`attachments ${done}/${opts.attachments}, ${Math.round(bytes / 1048576)} MB`),
  )
  sqlite.pragma('cache_size = -2000')

  const all = { ...counts, patients: opts.patients, attachments: opts.attachments, attachmentBytes }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('settings')
      .set({ value: describe('complete') })
      .where('key', '=', DEMO_MARKER_KEY)
      .execute()
    await recordAudit(trx, rt.keys.audit, CLI_ACTOR, {
      action: 'demo.generate',
      details: { seed: opts.seed, today, ...all },
    })
  })
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  return {
    seed: opts.seed,
    today,
    password: clinic.password,
    logins: {
      doctors: clinic.doctors.map((d) => d.login),
      receptionists: clinic.receptionists.map((r) => r.login),
      assistants: clinic.assistants.map((a) => a.login),
    },
    counts: all,
    ms: Math.round(performance.now() - started),
    dbBytes: statSync(databaseFile(rt.config)).size,
  }
}
