import type { Db } from '../database.js'
import type { Sqlite } from '../db/connection.js'
import { patientSearchColumns } from '../patients/normalize.js'
import { bulkInsert, inBatches } from './bulk-insert.js'
import {
  feminineSurname,
  FEMALE_NAMES,
  MALE_NAMES,
  PATRONYMICS,
  pick,
  pickSkewed,
  SURNAMES,
} from './demo-names.js'

const STREETS = [
  'ул. Ленина',
  'ул. Гагарина',
  'Садовая ул.',
  'ул. Мира',
  'Пролетарская ул.',
  'ул. Пушкина',
  'Школьная ул.',
  'пр. Победы',
  'Лесная ул.',
  'ул. Чехова',
  'Набережная ул.',
  'ул. Кирова',
]
const OPERATORS = ['903', '905', '909', '912', '915', '916', '917', '919', '926', '977', '985']

const pad2 = (n: number) => String(n).padStart(2, '0')

/**
 * Inserts `count` patients with card numbers 1…count (what nextCardNumber would give on an
 * empty clinic), the derived search columns kept exactly as patients.queries.ts keeps them
 * (the FTS5 index follows through its triggers).
 */
export function insertDemoPatients(
  sqlite: Sqlite,
  db: Db,
  rnd: () => number,
  opts: { count: number; createdFrom: number; createdTo: number; firstId: number },
  progress: (done: number) => void,
): void {
  let insert: ReturnType<typeof bulkInsert<'patients'>> | undefined
  inBatches(
    sqlite,
    opts.count,
    20_000,
    (i) => {
      const male = rnd() < 0.5
      const base = pickSkewed(rnd, SURNAMES)
      const [mp, fp] = pickSkewed(rnd, PATRONYMICS)
      const surname = male ? base : feminineSurname(base)
      const name = male ? pickSkewed(rnd, MALE_NAMES) : pickSkewed(rnd, FEMALE_NAMES)
      const patronymic = rnd() < 0.02 ? null : male ? mp : fp
      const born = new Date(
        Date.UTC(1935, 0, 1) + rnd() * (Date.UTC(2021, 0, 1) - Date.UTC(1935, 0, 1)),
      )
      const birth = `${born.getUTCFullYear()}-${pad2(born.getUTCMonth() + 1)}-${pad2(born.getUTCDate())}`
      const phone = `+7${pick(rnd, OPERATORS)}${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`
      const phoneExtra =
        rnd() < 0.1
          ? `+7${pick(rnd, OPERATORS)}${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`
          : null
      const created = new Date(opts.createdFrom + rnd() * (opts.createdTo - opts.createdFrom))
      const at = created.toISOString()
      const row = {
        card_number: String(opts.firstId + i),
        surname,
        name,
        patronymic,
        sex: male ? ('male' as const) : ('female' as const),
        birth_date: birth,
        phone,
        phone_extra: phoneExtra,
        email: rnd() < 0.3 ? `patient${opts.firstId + i}@example.ru` : null,
        address:
          rnd() < 0.7
            ? `г. Москва, ${pick(rnd, STREETS)}, д. ${1 + Math.floor(rnd() * 120)}, кв. ${1 + Math.floor(rnd() * 300)}`
            : null,
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
        contact_channel: rnd() < 0.5 ? ('phone' as const) : ('sms' as const),
        ...patientSearchColumns({ surname, name, patronymic, phone, phone_extra: phoneExtra }),
        created_at: at,
        updated_at: at,
        created_by: null,
      }
      insert ??= bulkInsert(sqlite, db, 'patients', row)
      insert(row)
    },
    progress,
  )
}
