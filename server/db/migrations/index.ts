import type { Migration } from 'kysely'
import * as createFoundation from './20261129T0600-create-foundation.js'

/** Every migration, in order. Forward-only: never edit or remove an entry once released. */
export const migrations: Record<string, Migration> = {
  '20261129T0600-create-foundation': createFoundation,
}
