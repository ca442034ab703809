import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { memoryDb } from '../testing/test-app.js'
import { kyselyFor, openSqlite } from './connection.js'
import { migrateToLatest, unknownMigrations } from './migrate.js'
import { migrations } from './migrations/index.js'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

describe('migrations', () => {
  it('migrate an empty database to the expected schema', async () => {
    const db = await memoryDb()
    const tables = await db.introspection.getTables()
    const byName = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]))
    expect(Object.keys(byName).sort()).toEqual(
      [
        'audit_events',
        'backup_runs',
        'break_glass',
        'devices',
        'enrollments',
        'login_failures',
        'sessions',
        'settings',
        'staff',
        'staff_permissions',
        'patients',
        'patients_fts',
        'patients_fts_config',
        'patients_fts_data',
        'patients_fts_idx',
        'patient_notes',
        'patient_documents',
        'consent_templates',
        'consents',
        'files',
        'appointment_status_changes',
        'appointments',
        'chairs',
        'days_off',
        'schedule_versions',
        'view_versions',
        'working_hours',
        'price_groups',
        'price_items',
        'price_item_prices',
        'treatment_plans',
        'plan_stages',
        'plan_items',
        'plan_status_changes',
        'ids_templates',
        'plan_consents',
        'medical_files',
        'medical_entries',
        'medical_card_revisions',
        'tooth_states',
        'visit_templates',
        'visit_services',
        'payments',
        'doctor_pay_rules',
        'materials',
        'suppliers',
        'stock_movements',
        'stocktakes',
        'stocktake_lines',
        'tech_card_lines',
      ].sort(),
    )
    expect(byName.staff).toEqual(
      expect.arrayContaining(['login', 'password_hash', 'role', 'must_change_password', 'locale']),
    )
    expect(byName.sessions).toEqual(
      expect.arrayContaining(['token_hash', 'device_id', 'csrf_token']),
    )
    expect(byName.audit_events).toEqual(
      expect.arrayContaining([
        'at',
        'staff_id',
        'device_id',
        'zone',
        'action',
        'patient_id',
        'outcome',
        'prev_hash',
        'hash',
      ]),
    )
    const triggers = await sql<{
      name: string
    }>`select name from sqlite_master where type = 'trigger'`.execute(db)
    // The day grid's cache counter (T1200): every change to what the grid draws bumps it.
    const bumps = triggers.rows.map((r) => r.name).filter((n) => n.endsWith('_bumps_schedule_day'))
    expect(bumps.sort()).toEqual(
      [
        'appointments_insert',
        'appointments_update',
        'appointments_delete',
        'patients_update',
        'patients_delete',
        'staff_insert',
        'staff_update',
        'staff_delete',
        'chairs_insert',
        'chairs_update',
        'chairs_delete',
        'working_hours_insert',
        'working_hours_update',
        'working_hours_delete',
        'days_off_insert',
        'days_off_update',
        'days_off_delete',
      ]
        .map((n) => `${n}_bumps_schedule_day`)
        .sort(),
    )
    const guards = triggers.rows.map((r) => r.name).filter((n) => !bumps.includes(n))
    expect(guards.sort()).toEqual([
      'audit_events_no_delete',
      'audit_events_no_update',
      'doctor_pay_rules_no_delete',
      'doctor_pay_rules_no_update',
      'ids_templates_no_delete',
      'ids_templates_no_update',
      'medical_card_revisions_no_delete',
      'medical_card_revisions_no_update',
      'medical_entries_no_delete',
      'medical_entries_no_update',
      'medical_files_no_delete',
      'medical_files_no_update',
      'patients_fts_delete',
      'patients_fts_insert',
      'patients_fts_update',
      'payments_no_delete',
      'payments_no_update',
      'plan_consents_no_delete',
      'plan_consents_no_update',
      'plan_items_no_delete',
      'plan_items_no_update',
      'plan_stages_no_delete',
      'plan_stages_no_update',
      'plan_status_changes_no_delete',
      'plan_status_changes_no_update',
      'price_item_prices_no_delete',
      'price_item_prices_no_update',
      'stock_movements_no_delete',
      'stock_movements_no_update',
      'stocktake_lines_no_delete',
      'stocktake_lines_no_update',
      'stocktakes_no_delete',
      'stocktakes_no_update',
      'tooth_states_no_delete',
      'tooth_states_no_update',
      'treatment_plans_no_delete',
      'treatment_plans_no_update',
      'visit_services_no_delete',
      'visit_services_no_update',
    ])
  })

  it('are idempotent and detect a database from a newer version', async () => {
    const db = await memoryDb()
    expect(await migrateToLatest(db, migrations)).toEqual([])
    expect(await unknownMigrations(db, migrations)).toEqual([])
    await db
      .insertInto('kysely_migration' as never)
      .values({ name: '29990101T0000-future', timestamp: 'x' } as never)
      .execute()
    expect(await unknownMigrations(db, migrations)).toEqual(['29990101T0000-future'])
  })

  it('open files with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-db-'))
    const sqlite = openSqlite(path.join(dir, 'x.db'))
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    void kyselyFor(sqlite).destroy()
  })
})
