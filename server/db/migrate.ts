import { Migrator, type Kysely, type Migration } from 'kysely'

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
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const infos = await migrator.getMigrations()
  const known = new Set(infos.map((m) => m.name))
  const tables = await db.introspection.getTables()
  if (!tables.some((t) => t.name === 'kysely_migration')) return []
  const applied = await db.selectFrom('kysely_migration').select('name').execute()
  return applied.map((r: { name: string }) => r.name).filter((n: string) => !known.has(n))
}
