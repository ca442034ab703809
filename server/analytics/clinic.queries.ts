import { sql, type RawBuilder } from 'kysely'
import type { DbOrTrx } from '../database.js'
import { latestSignedNotDeleted } from '../medical/visits.queries.js'
import type { MonthBounds, Period } from './period.js'

// Schedule, plans and diagnoses for the analytics. `range` is the period's [from, to) in UTC
// (local midnights); rows carry ids for counting, never a name or a phone.

export interface UtcRange {
  from: string
  to: string
}

/**
 * The clinic-local month of a UTC timestamp column, as SQL: the timestamp shifted by the
 * zone's offset when it is fixed over the period, else a CASE over the months' start
 * instants (null outside the period). Values are bound parameters.
 */
function monthOf(column: RawBuilder<string>, b: MonthBounds) {
  if (b.offsetMinutes !== undefined) {
    const shift = `${b.offsetMinutes >= 0 ? '+' : '-'}${Math.abs(b.offsetMinutes)} minutes`
    return sql<string | null>`substr(strftime('%Y-%m-%dT%H:%M', ${column}, ${shift}), 1, 7)`
  }
  const whens = [...b.months]
    .reverse()
    .map((m) => sql`when ${column} >= ${m.from} and ${column} < ${b.end} then ${m.month}`)
  return sql<string | null>`(case ${sql.join(whens, sql` `)} end)`
}

/** Minutes booked per chair: appointments starting in the range, cancelled ones excluded. */
export function bookedMinutesByChair(db: DbOrTrx, range: UtcRange) {
  return db
    .selectFrom('appointments')
    .select([
      'chair_id',
      sql<number>`sum(cast(round((julianday(ends_at) - julianday(starts_at)) * 1440) as integer))`.as(
        'minutes',
      ),
    ])
    .where('starts_at', '>=', range.from)
    .where('starts_at', '<', range.to)
    .where('status', '!=', 'cancelled')
    .groupBy('chair_id')
    .execute()
}

/** Every appointment of the period per clinic-local month: all, no-shows, cancellations. */
export function attendanceByMonth(db: DbOrTrx, b: MonthBounds) {
  const month = monthOf(sql`starts_at`, b)
  return db
    .selectFrom('appointments')
    .select([
      month.as('month'),
      sql<number>`count(*)`.as('all'),
      sql<number>`sum(status = 'no_show')`.as('no_shows'),
      sql<number>`sum(status = 'cancelled')`.as('cancelled'),
    ])
    .where('starts_at', '>=', b.months[0]!.from)
    .where('starts_at', '<', b.end)
    .groupBy(month)
    .execute()
}

/**
 * Patients with a non-cancelled appointment per month of the period, and how many of them
 * are new: their first non-cancelled appointment ever falls in that same month. Also the
 * whole period (month null), where new means a first appointment inside the period.
 */
export async function patientsByMonth(db: DbOrTrx, b: MonthBounds) {
  const month = monthOf(sql`starts_at`, b)
  const firstMonth = monthOf(sql`f.first`, b)
  const seen = db
    .selectFrom('appointments')
    .select([month.as('month'), 'patient_id'])
    .where('starts_at', '>=', b.months[0]!.from)
    .where('starts_at', '<', b.end)
    .where('status', '!=', 'cancelled')
    .groupBy([month, 'patient_id'])
  // The first non-cancelled appointment ever of each patient seen in the period.
  const withFirst = () =>
    db
      .with('seen', () => seen)
      .with('f', (q) =>
        q
          .selectFrom('appointments')
          .select(['patient_id', sql<string>`min(starts_at)`.as('first')])
          .where('status', '!=', 'cancelled')
          .where('patient_id', 'in', q.selectFrom('seen').select('seen.patient_id'))
          .groupBy('patient_id'),
      )
  const perMonth = await withFirst()
    .selectFrom('seen')
    .innerJoin('f', 'f.patient_id', 'seen.patient_id')
    .select([
      'seen.month',
      sql<number>`count(*)`.as('patients'),
      // A first visit before the period is not new, even in the same calendar month.
      sql<number>`sum(f.first >= ${b.months[0]!.from} and ${firstMonth} = seen.month)`.as('new'),
    ])
    .groupBy('seen.month')
    .execute()
  const total = await withFirst()
    .selectFrom('f')
    .select([
      sql<number>`count(*)`.as('patients'),
      sql<number>`coalesce(sum(f.first >= ${b.months[0]!.from}), 0)`.as('new'),
    ])
    .executeTakeFirstOrThrow()
  return { perMonth, total }
}

export function allChairs(db: DbOrTrx) {
  return db.selectFrom('chairs').select(['id', 'name', 'active']).orderBy('name').execute()
}

/** Regular hours that name a chair: only those make a chair "open". */
export function chairHours(db: DbOrTrx) {
  return db
    .selectFrom('working_hours')
    .select(['doctor_id', 'weekday', 'starts', 'ends', 'chair_id'])
    .where('chair_id', 'is not', null)
    .execute()
}

export function daysOffIn(db: DbOrTrx, p: Period) {
  return db
    .selectFrom('days_off')
    .select(['doctor_id', 'date'])
    .where('date', '>=', p.from)
    .where('date', '<=', p.to)
    .execute()
}

/** Plans drawn up in the range, each with its current status (latest status row). */
export function plansIn(db: DbOrTrx, range: UtcRange) {
  return db
    .selectFrom('treatment_plans as p')
    .select((eb) => [
      'p.id',
      eb
        .selectFrom('plan_status_changes as s')
        .select('s.status')
        .whereRef('s.plan_id', '=', 'p.id')
        .where('s.item_id', 'is', null)
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('status'),
      eb
        .exists(
          eb
            .selectFrom('plan_status_changes as a')
            .select('a.id')
            .whereRef('a.plan_id', '=', 'p.id')
            .where('a.item_id', 'is', null)
            .where('a.status', 'in', ['accepted', 'in_progress', 'done']),
        )
        .as('ever_accepted'),
    ])
    .where('p.created_at', '>=', range.from)
    .where('p.created_at', '<', range.to)
    .execute()
}

/** The items of those plans with their cost and current status. */
export function planItemsIn(db: DbOrTrx, range: UtcRange) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('treatment_plans as p', 'p.id', 'i.plan_id')
    .select((eb) => [
      'i.plan_id',
      'i.unit_price_kopecks',
      'i.quantity',
      eb
        .selectFrom('plan_status_changes as s')
        .select('s.status')
        .whereRef('s.item_id', '=', 'i.id')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('status'),
    ])
    .where('p.created_at', '>=', range.from)
    .where('p.created_at', '<', range.to)
    .execute()
}

/**
 * Distinct patients per ICD-10 code among final diagnoses (each record's latest signed
 * revision, record not deleted) of visits in the period. Codes with fewer than `minPatients`
 * never leave the database, so no page, total or CSV can show or imply them.
 */
export function diagnosesIn(db: DbOrTrx, p: Period, minPatients: number) {
  const patients = sql<number>`count(distinct e.patient_id)`
  return db
    .selectFrom('medical_entries as e')
    .select([sql<string>`e.diagnosis_code`.as('code'), patients.as('patients')])
    .where('e.status', '=', 'signed')
    .where('e.diagnosis_code', 'is not', null)
    .where('e.visit_date', '>=', p.from)
    .where('e.visit_date', '<=', p.to)
    .where(latestSignedNotDeleted)
    .groupBy('e.diagnosis_code')
    .having(patients, '>=', minPatients)
    .orderBy('patients', 'desc')
    .orderBy('code')
    .execute()
}
