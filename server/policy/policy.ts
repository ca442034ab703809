import type { Zone } from '../config.js'
import type { DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'
import {
  effectivePermissions,
  isPermission,
  type Overrides,
  type Permission,
  type Role,
} from './permissions.js'

// Read on every request that checks a permission.
const overridesOf = prepared((db, p: { staffId: number }) =>
  db
    .selectFrom('staff_permissions')
    .select(['permission', 'effect'])
    .where('staff_id', '=', p.staffId),
)

/** The grants and denials the owner set for one employee (unknown names are ignored). */
export async function loadOverrides(db: DbOrTrx, staffId: number): Promise<Overrides> {
  const rows = await overridesOf.all(db, { staffId })
  const pick = (effect: 'grant' | 'deny') =>
    rows
      .filter((r) => r.effect === effect && isPermission(r.permission))
      .map((r) => r.permission as Permission)
  return { grants: pick('grant'), denials: pick('deny') }
}

/** What this person may do at this terminal right now. @throws on a database failure. */
export async function loadEffectivePermissions(
  db: DbOrTrx,
  staff: { id: number; role: Role },
  zone: Zone,
): Promise<Set<Permission>> {
  return effectivePermissions(staff.role, await loadOverrides(db, staff.id), zone)
}

export type MedicalVisibility = 'all' | 'own'
export const MEDICAL_VISIBILITY_KEY = 'medical_visibility'
export const REQUIRE_TOTP_FOR_ADMIN_KEY = 'require_totp_for_admin'

export async function getSetting(db: DbOrTrx, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst()
  return row?.value
}

export async function setSetting(db: DbOrTrx, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}

/** Clinic-wide: doctors see every patient's medical data (default) or only those they treat. */
export async function medicalVisibility(db: DbOrTrx): Promise<MedicalVisibility> {
  return (await getSetting(db, MEDICAL_VISIBILITY_KEY)) === 'own' ? 'own' : 'all'
}
