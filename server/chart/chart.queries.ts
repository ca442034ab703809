import type { DbOrTrx } from '../database.js'
import type { NewToothState, ToothState } from './chart.table.js'

// The chart is the latest row per tooth; history is every row. Rows are only ever appended,
// so "latest" is the highest id, and the chart at a past moment is the latest row before it.

/**
 * The state of every marked tooth of this patient: now, or as it stood just before `before`
 * (an ISO instant), optionally counting only signed marks (what a printed card shows).
 */
export function chartState(
  db: DbOrTrx,
  patientId: number,
  opts: { before?: string; signedOnly?: boolean } = {},
): Promise<ToothState[]> {
  return db
    .selectFrom('tooth_states as t')
    .selectAll('t')
    .where('t.patient_id', '=', patientId)
    .where((eb) => {
      let latest = eb
        .selectFrom('tooth_states as x')
        .select((x) => x.fn.max('x.id').as('m'))
        .whereRef('x.patient_id', '=', 't.patient_id')
        .whereRef('x.tooth', '=', 't.tooth')
      if (opts.before) latest = latest.where('x.created_at', '<', opts.before)
      if (opts.signedOnly) latest = latest.where('x.status', '=', 'signed')
      return eb('t.id', '=', latest)
    })
    .orderBy('t.tooth')
    .execute()
}

/** The current row of one tooth, if it was ever marked. */
export function findCurrentTooth(db: DbOrTrx, patientId: number, tooth: number) {
  return db
    .selectFrom('tooth_states')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('tooth', '=', tooth)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Appends one observation.
 * @throws on a second row superseding the same one (unique supersedes_id): a lost race.
 */
export async function insertToothState(db: DbOrTrx, row: NewToothState): Promise<number> {
  const r = await db
    .insertInto('tooth_states')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Every mark ever made on this patient's chart, newest first, with who and where. */
export function listChartHistory(db: DbOrTrx, patientId: number, limit = 1000) {
  return db
    .selectFrom('tooth_states as t')
    .innerJoin('staff as a', 'a.id', 't.author_id')
    .innerJoin('devices as dev', 'dev.id', 't.device_id')
    .selectAll('t')
    .select(['a.full_name as author_name', 'dev.name as device_name'])
    .where('t.patient_id', '=', patientId)
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute()
}

export type ChartHistoryRow = Awaited<ReturnType<typeof listChartHistory>>[number]

/** Dates of this patient's visit records, to offer "the chart as it was at that visit". */
export function listVisitDates(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('medical_entries')
    .select('visit_date')
    .distinct()
    .where('patient_id', '=', patientId)
    .where('status', '!=', 'deleted')
    .orderBy('visit_date', 'desc')
    .execute()
}
