import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per finished backup run, restore drill or repository check, with its figures.
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('run', 'drill', 'check')`))
    .addColumn('trigger', 'text', (c) =>
      c.notNull().check(sql`"trigger" in ('schedule', 'manual', 'cli')`),
    )
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'failed')`))
    .addColumn('snapshot_id', 'text')
    .addColumn('bytes_added', 'integer')
    .addColumn('files_new', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    // JSON object of further figures (row counts, files proven, check mode, removed snapshots).
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema
    .createIndex('backup_runs_kind_started')
    .on('backup_runs')
    .columns(['kind', 'started_at'])
    .execute()
}
