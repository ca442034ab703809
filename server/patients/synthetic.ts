import type { DbOrTrx } from '../database.js'
import { insertPatient } from './patients.queries.js'

// Synthetic patients for tests and the benchmark: a seeded generator, so runs compare.
// Not a test file itself; it never imports the test runner.

const SURNAMES = [
  'Иванов',
  'Петров',
  'Сидоров',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
]
const MALE = [
  'Александр',
  'Дмитрий',
  'Максим',
  'Сергей',
  'Андрей',
  'Алексей',
  'Артём',
  'Илья',
  'Кирилл',
  'Михаил',
  'Никита',
  'Матвей',
  'Роман',
  'Егор',
  'Арсений',
  'Иван',
  'Денис',
  'Евгений',
  'Тимофей',
  'Владимир',
]
const FEMALE = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Екатерина',
  'Алёна',
  'Юлия',
  'Дарья',
  'Полина',
  'Виктория',
  'Ксения',
  'Софья',
  'Алиса',
  'Вера',
  'Галина',
  'Людмила',
]
const FATHERS = [
  'Александров',
  'Дмитриев',
  'Сергеев',
  'Андреев',
  'Алексеев',
  'Михайлов',
  'Иванов',
  'Петров',
  'Николаев',
  'Владимиров',
  'Викторов',
  'Юрьев',
  'Олегов',
  'Павлов',
  'Игорев',
]

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
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const at = opts.at ?? '2026-01-01T00:00:00.000Z'
  const run = async (trx: DbOrTrx) => {
    for (let i = 0; i < opts.count; i++) {
      const male = rnd() < 0.5
      const surname = pick(SURNAMES) + (male ? '' : 'а')
      const father = pick(FATHERS)
      const year = 1940 + Math.floor(rnd() * 80)
      const month = 1 + Math.floor(rnd() * 12)
      const day = 1 + Math.floor(rnd() * 28)
      await insertPatient(trx, {
        card_number: `S${i + 1}`,
        surname,
        name: male ? pick(MALE) : pick(FEMALE),
        patronymic: male ? `${father}ич` : `${father}на`,
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
