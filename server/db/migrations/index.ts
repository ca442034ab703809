import type { Migration } from 'kysely'
import * as createFoundation from './20261129T0600-create-foundation.js'
import * as createAccessLevels from './20261129T0700-create-access-levels.js'

/** Every migration, in order. Forward-only: never edit or remove an entry once released. */
export const migrations: Record<string, Migration> = {
  '20261129T0600-create-foundation': createFoundation,
  '20261129T0700-create-access-levels': createAccessLevels,
}
