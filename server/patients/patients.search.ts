import type { DbOrTrx } from '../database.js'
import { parseSearchQuery } from './search-query.js'
import { digitSteps, RANK, resolveDigitRuns, wordSteps, type Step } from './search-steps.js'

/** One search result: enough to tell people apart and open the card. No medical data. */
export interface PatientHit {
  id: number
  card_number: string
  surname: string
  name: string
  patronymic: string | null
  birth_date: string
  phone: string | null
}

/**
 * Finds patients by any part of the surname, name or patronymic (case-insensitive, ё = е,
 * Latin transliteration or keyboard layout typed by mistake), a run of phone digits (≥ 3),
 * the card number or the birth date as дд.мм.гггг; every part of the query must match.
 * Ranked: card number, phone, surname prefix (exact first), name, patronymic, then any
 * fragment. Never throws on odd input: an unusable query finds nothing.
 */
export async function searchPatients(
  db: DbOrTrx,
  q: string,
  opts: { limit?: number } = {},
): Promise<PatientHit[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 20), 1), 100)
  const parsed = parseSearchQuery(q)
  if (!parsed) return []
  const plan =
    parsed.variants.length > 0 || parsed.date ? await resolveDigitRuns(db, parsed) : parsed
  const steps: Iterable<Step> =
    plan.variants.length > 0 ? wordSteps(db, plan) : digitSteps(db, plan)
  const found = new Map<number, { hit: PatientHit; rank: number }>()
  if (plan.cardExact) {
    const card = plan.cardExact
    const hit = await db
      .selectFrom('patients')
      .select(['id', 'card_number', 'surname', 'name', 'patronymic', 'birth_date', 'phone'])
      .where('card_number', '=', card)
      .executeTakeFirst()
    if (hit) found.set(hit.id, { hit, rank: RANK.card })
  }
  // Steps come in rank order: once the page is full, later ones could only rank lower.
  for (const step of steps) {
    if (found.size >= limit || (step.fallback && found.size > 0)) break
    for (const hit of await step.run(limit - found.size)) {
      if (!found.has(hit.id)) found.set(hit.id, { hit, rank: step.rank })
    }
  }
  return [...found.values()]
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((f) => f.hit)
}
