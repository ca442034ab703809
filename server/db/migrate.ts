import { Migrator, sql, type Kysely, type Migration } from 'kysely'

/**
 * Runs every pending migration from the static list.
 * @throws Error naming the failed migration; SQLite rolls that migration back.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${cause}`)
  }
  return (results ?? []).map((r) => r.migrationName)
}

/** Names of migrations applied to this database that this build does not know (a newer version). */
export async function unknownMigrations(
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master
    where type = 'table' and name = 'kysely_migration'`.execute(db)
  if (Number(exists.rows[0]?.n) === 0) return []
  const applied = await db.selectFrom('kysely_migration').select('name').execute()
  return applied.map((r: { name: string }) => r.name).filter((n: string) => !(n in migrations))
}

/** How many migrations this database has applied (0 for a new one). */
export async function appliedMigrationCount(db: Kysely<any>): Promise<number> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master
    where type = 'table' and name = 'kysely_migration'`.execute(db)
  if (Number(exists.rows[0]?.n) === 0) return 0
  const row = await db
    .selectFrom('kysely_migration')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
