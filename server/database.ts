import type { Kysely, Transaction } from 'kysely'
import type { AuditEventsTable } from './audit/audit.table.js'
import type { LoginFailuresTable, SessionsTable } from './auth/auth.table.js'
import type { DevicesTable } from './devices/devices.table.js'
import type { BreakGlassTable, StaffPermissionsTable } from './policy/policy.table.js'
import type { SettingsTable } from './settings/settings.table.js'
import type { StaffTable } from './staff/staff.table.js'

/** Every table, aggregated from the features' *.table.ts files. */
export interface Database {
  staff: StaffTable
  devices: DevicesTable
  sessions: SessionsTable
  login_failures: LoginFailuresTable
  audit_events: AuditEventsTable
  settings: SettingsTable
  staff_permissions: StaffPermissionsTable
  break_glass: BreakGlassTable
}

export type Db = Kysely<Database>
export type DbOrTrx = Kysely<Database> | Transaction<Database>
