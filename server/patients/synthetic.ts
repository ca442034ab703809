import type { DbOrTrx } from '../database.js'
import {
  FEMALE_NAMES,
  feminineSurname,
  MALE_NAMES,
  PATRONYMICS,
  pick,
  SURNAMES,
} from '../demo/demo-names.js'
import { insertPatient } from './patients.queries.js'

// Synthetic patients for tests: a seeded generator over the demo clinic's name lists, so
// runs compare. Not a test file itself; it never imports the test runner.

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SyntheticOptions {
  count: number
  seed?: number
  at?: string
}

/** Inserts `count` plausible patients (names, birth dates, phones) in one transaction. */
export async function insertSyntheticPatients(db: DbOrTrx, opts: SyntheticOptions) {
  const rnd = prng(opts.seed ?? 42)
  const at = opts.at ?? '2026-01-01T00:00:00.000Z'
  const run = async (trx: DbOrTrx) => {
    for (let i = 0; i < opts.count; i++) {
      const male = rnd() < 0.5
      const surname = pick(rnd, SURNAMES)
      const [patronymic, patronyma] = pick(rnd, PATRONYMICS)
      const year = 1940 + Math.floor(rnd() * 80)
      const month = 1 + Math.floor(rnd() * 12)
      const day = 1 + Math.floor(rnd() * 28)
      await insertPatient(trx, {
        card_number: `S${i + 1}`,
        surname: male ? surname : feminineSurname(surname),
        name: pick(rnd, male ? MALE_NAMES : FEMALE_NAMES),
        patronymic: male ? patronymic : patronyma,
        sex: male ? 'male' : 'female',
        birth_date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        phone: `+79${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
        phone_extra: null,
        email: null,
        address: null,
        snils: null,
        oms_policy: null,
        oms_insurer: null,
        dms_policy: null,
        dms_insurer: null,
        id_doc_type: null,
        id_doc_series: null,
        id_doc_number: null,
        id_doc_issued_by: null,
        id_doc_issued_on: null,
        guardian_id: null,
        guardian_relation: null,
        contact_channel: null,
        created_at: at,
        updated_at: at,
        created_by: null,
      })
    }
  }
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}
