import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.
// Counters of what a cached view was drawn from. Triggers bump them, so no writer can leave a
// cached view stale: a route, the CLI, a test fixture or another process writing the file.

/** The day grid: appointments, the patients' names on them, doctors, chairs, hours, days off. */
const SCHEDULE_DAY: readonly { table: string; events: readonly string[] }[] = [
  { table: 'appointments', events: ['insert', 'update', 'delete'] },
  { table: 'patients', events: ['update of surname, name, patronymic, card_number', 'delete'] },
  { table: 'staff', events: ['insert', 'update of full_name, role, active', 'delete'] },
  { table: 'chairs', events: ['insert', 'update', 'delete'] },
  { table: 'working_hours', events: ['insert', 'update', 'delete'] },
  { table: 'days_off', events: ['insert', 'update', 'delete'] },
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('view_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('view_versions').values({ name: 'schedule_day', version: 1 }).execute()
  for (const { table, events } of SCHEDULE_DAY) {
    for (const event of events) {
      const name = `${table}_${event.split(' ')[0]}_bumps_schedule_day`
      await sql`create trigger ${sql.id(name)} after ${sql.raw(event)} on ${sql.table(table)}
        begin update view_versions set version = version + 1 where name = 'schedule_day'; end`.execute(
        db,
      )
    }
  }
}
