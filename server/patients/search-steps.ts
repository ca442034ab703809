import { sql, type SqlBool } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { PatientHit } from './patients.search.js'
import type { SearchPlan } from './search-query.js'

// The bounded queries behind searchPatients, best rank first. Each is an index range scan
// whose ORDER BY is exactly its index (so SQLite stops at the LIMIT instead of sorting every
// "иван…"), or an FTS5 trigram lookup with a LIMIT. Later words of a query are checked against
// columns of the same index, so a scan never needs the table row to reject a candidate.

export interface Step {
  rank: number
  /** Run only when nothing better was found: fragments of several words are costly to intersect. */
  fallback?: boolean
  run(n: number): Promise<PatientHit[]>
}

export const RANK = {
  card: 0,
  phoneExact: 1,
  cardPrefix: 2,
  phone: 3,
  date: 4,
  surname: 10,
  name: 20,
  patronymic: 30,
  anywhere: 40,
} as const

const HIT_COLUMNS = [
  'patients.id',
  'patients.card_number',
  'patients.surname',
  'patients.name',
  'patients.patronymic',
  'patients.birth_date',
  'patients.phone',
] as const

const FRAGMENT_CANDIDATES = 500

type Part = 'search_surname' | 'search_name' | 'search_patronymic'

const DIGIT_SET_MAX = 5000

/**
 * The ids matching each digit run (a phone fragment or a card number), looked up once per
 * search rather than once per step. A run too common to narrow anything (over 5,000
 * patients) is left to the per-row check.
 */
export async function resolveDigitRuns(db: DbOrTrx, plan: SearchPlan): Promise<SearchPlan> {
  const digitIds = new Map<string, readonly number[]>()
  for (const d of plan.digits) {
    if (d.length < 3) continue
    const rows = await sql<{ id: number }>`select rowid as id from patients_fts
        where patients_fts match ${`search_phones : "${d}"`}
      union select id from patients where card_number = ${d}
      limit ${DIGIT_SET_MAX + 1}`.execute(db)
    if (rows.rows.length <= DIGIT_SET_MAX)
      digitIds.set(
        d,
        rows.rows.map((r) => r.id),
      )
  }
  return { ...plan, digitIds }
}

function hitQuery(db: DbOrTrx, plan: SearchPlan, digits = plan.digits) {
  let q = db.selectFrom('patients').select(HIT_COLUMNS)
  // A birth date and digit runs narrow the other queries. They are checked as sets of ids
  // (a few rows per birth date; the ids resolved for a digit run), so a scan of a name
  // index rejects candidates by rowid without reading their table rows.
  if (plan.date) {
    const date = plan.date
    q = q.where('patients.id', 'in', (eb) =>
      eb.selectFrom('patients as d').select('d.id').where('d.birth_date', '=', date),
    )
  }
  for (const d of digits) {
    const ids = plan.digitIds?.get(d)
    q = ids
      ? q.where(
          'patients.id',
          'in',
          sql<number>`(select value from json_each(${JSON.stringify(ids)}))`,
        )
      : q.where((eb) =>
          eb.or([
            eb('patients.card_number', '=', d),
            eb('patients.search_phones', 'like', `%${d}%`),
          ]),
        )
  }
  return q
}

function ftsMatch(query: ReturnType<typeof hitQuery>, match: string) {
  return query
    .innerJoin(sql<{ rowid: number }>`patients_fts`.as('f'), (j) =>
      j.on(sql<SqlBool>`f.rowid = patients.id`),
    )
    .where(sql<SqlBool>`patients_fts match ${match}`)
}

// For each tier: the column the first word starts, the others the next words may start,
// and the index order (see the T0900 migration).
const TIERS: readonly { rank: number; first: Part; others: Part[]; order: Part[] }[] = [
  {
    rank: RANK.surname,
    first: 'search_surname',
    others: ['search_name', 'search_patronymic'],
    order: ['search_surname', 'search_name', 'search_patronymic'],
  },
  {
    rank: RANK.name,
    first: 'search_name',
    others: ['search_patronymic', 'search_surname'],
    order: ['search_name', 'search_patronymic', 'search_surname'],
  },
  {
    rank: RANK.patronymic,
    first: 'search_patronymic',
    others: ['search_surname', 'search_name'],
    order: ['search_patronymic', 'search_surname', 'search_name'],
  },
]

/** Name words (each variant of them), then a birth date and digit runs as filters. */
export function* wordSteps(db: DbOrTrx, plan: SearchPlan): Generator<Step> {
  for (const tier of TIERS) {
    for (const [v, words] of plan.variants.entries()) {
      const [first, ...rest] = words as [string, ...string[]]
      // Nobody starts a full name with the patronymic; alone, a patronymic is a fair query.
      if (tier.first === 'search_patronymic' && rest.length > 0) continue
      yield {
        rank: tier.rank + v,
        run: (n) =>
          hitQuery(db, plan)
            .where(`patients.${tier.first}`, '>=', first)
            .where(`patients.${tier.first}`, '<', `${first}\uffff`)
            .where((eb) =>
              eb.and(
                rest.map((w) =>
                  eb.or(tier.others.map((c) => eb(`patients.${c}`, 'like', `${w}%`))),
                ),
              ),
            )
            .orderBy(tier.order.map((c) => `patients.${c}` as const))
            .limit(n)
            .execute(),
      }
    }
  }
  for (const [v, words] of plan.variants.entries()) {
    // Trigrams match fragments of three letters or more: the longest word is looked up,
    // the others filter the candidates.
    const longest = [...words].sort((a, b) => [...b].length - [...a].length)[0]!
    if ([...longest].length < 3) continue
    const others = words.filter((w) => w !== longest)
    yield {
      rank: RANK.anywhere + v,
      fallback: words.length > 1,
      run: (n) => {
        const match = `search_fio : "${longest}"`
        const q = hitQuery(db, plan)
        if (others.length === 0) return ftsMatch(q, match).limit(n).execute()
        // Several fragments: the candidates of the longest are capped, so a query matching
        // nobody costs a bounded walk of the index, not every "…ова" in the clinic.
        return q
          .where(
            'patients.id',
            'in',
            sql<number>`(select rowid from patients_fts where patients_fts match ${match} limit ${FRAGMENT_CANDIDATES})`,
          )
          .where((eb) => eb.and(others.map((w) => eb('patients.search_fio', 'like', `%${w}%`))))
          .limit(n)
          .execute()
      },
    }
  }
}

/** A query of digits alone (a phone fragment or a card number), or of a birth date alone. */
export function* digitSteps(db: DbOrTrx, plan: SearchPlan): Generator<Step> {
  const [digits, ...others] = plan.digits
  if (!digits) {
    if (plan.date) {
      yield {
        rank: RANK.date,
        run: (n) =>
          hitQuery(db, plan)
            .orderBy(['patients.search_surname', 'patients.search_name'])
            .limit(n)
            .execute(),
      }
    }
    return
  }
  const phone = fullPhone(digits)
  if (phone) {
    yield {
      rank: RANK.phoneExact,
      run: (n) =>
        hitQuery(db, plan, others)
          .where((eb) => eb.or([eb('phone', '=', phone), eb('phone_extra', '=', phone)]))
          .limit(n)
          .execute(),
    }
  }
  yield {
    rank: RANK.cardPrefix,
    run: (n) =>
      hitQuery(db, plan, others)
        .where('card_number', '>=', digits)
        .where('card_number', '<', `${digits}\uffff`)
        .orderBy('card_number')
        .limit(n)
        .execute(),
  }
  if (digits.length >= 3) {
    yield {
      rank: RANK.phone,
      run: (n) =>
        ftsMatch(hitQuery(db, plan, others), `search_phones : "${digits}"`)
          .limit(n)
          .execute(),
    }
  }
}

/** "+7XXXXXXXXXX" when the digits are a whole number, with or without the trunk prefix. */
function fullPhone(digits: string): string | undefined {
  if (digits.length === 10) return `+7${digits}`
  if (digits.length === 11 && /^[78]/.test(digits)) return `+7${digits.slice(1)}`
  return undefined
}
