import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { describe, expect, it } from 'vitest'
import { book, DAY, scheduleClinic } from './schedule.fixtures.js'

// The schedule shows a patient's name, card number and the reason for the visit, and nothing
// else: no medical text (323-ФЗ ст.13), not even the rest of the personal card. Checked on the
// SQL every schedule page runs for a doctor at the chair, and on what the pages show.

/** Records the SQL of every query the app runs, compiled as SQLite would get it. */
function sqlSpy(compile: (node: RootOperationNode) => string) {
  const seen: string[] = []
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      seen.push(compile(node))
      return node
    },
    async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
      return result
    },
  }
  return { seen, plugin }
}

const PATIENT_COLUMNS = new Set([
  'id',
  'surname',
  'name',
  'patronymic',
  'card_number',
  'birth_date',
])
const TABLES = new Set([
  // the schedule's own
  'appointments',
  'appointment_status_changes',
  'chairs',
  'working_hours',
  'days_off',
  'schedule_versions',
  'view_versions',
  'patients',
  // the platform's: sessions, permissions, audit
  'staff',
  'sessions',
  'devices',
  'staff_permissions',
  'audit_events',
  // the layout's backup banner on surgery pages (outcome and time only, no personal data)
  'backup_runs',
])

describe('the schedule never reads medical or other personal data', () => {
  it('selects only name, card and reason for a doctor at the chair, on every schedule page', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    await k.db
      .updateTable('patients')
      .set({ address: 'MARKER-ADDRESS', snils: '11223344595', email: 'marker@example.test' })
      .execute()
    await k.db
      .insertInto('patient_notes')
      .values({ patient_id: k.ivanova, body: 'MARKER-NOTE', created_at: DAY, created_by: null })
      .execute()
    const doctor = k.browser(k.surgery)
    await doctor.login('doc')
    const executor = k.db.getExecutor()
    const spy = sqlSpy((node) => executor.compileQuery(node, { queryId: 'spy' }).sql)
    k.services.db = k.db.withPlugin(spy.plugin)
    const pages = [
      `/schedule?date=${DAY}`,
      `/schedule?date=${DAY}&by=chair`,
      `/schedule/week?date=${DAY}`,
      `/schedule/appointments/${id}`,
      `/schedule/appointments/${id}/edit`,
      `/schedule/print?date=${DAY}&doctor=${k.doc}`,
      `/patients/${k.ivanova}/visits`,
      `/schedule/version?date=${DAY}&v=0`,
    ]
    for (const path of pages) {
      const res = await doctor.request(path)
      expect(res.status, path).toBeLessThan(300)
      const html = await res.text()
      for (const marker of ['MARKER', '11223344595', 'marker@example.test', '+7916']) {
        expect(html, `${path} shows ${marker}`).not.toContain(marker)
      }
    }
    expect(spy.seen.length).toBeGreaterThan(20)
    expect(spy.seen.some((sql) => /join "patients"/.test(sql))).toBe(true)
    expect(spy.seen.flatMap(violations)).toEqual([])
    // Control: the check does see a patient column the schedule must not read.
    const bad = k.db.selectFrom('patients').select(['id', 'address']).compile().sql
    const badJoin = k.db
      .selectFrom('appointments')
      .innerJoin('patients', 'patients.id', 'appointments.patient_id')
      .selectAll('patients')
      .compile().sql
    expect(violations(bad)).toEqual([`address in: ${bad}`])
    expect(violations(badJoin)).not.toEqual([])
  })
})

/** What in one SQL statement reads beyond the schedule's allowance. */
function violations(sql: string): string[] {
  const out: string[] = []
  // The platform's own lookups (device, session) may select whole rows; ours never do.
  if (
    /"(patients|appointments|appointment_status_changes)"/.test(sql) &&
    /select \*|\.\*/i.test(sql)
  ) {
    out.push(`select * in: ${sql}`)
  }
  for (const [, table] of sql.matchAll(/(?:from|join|into|update) "(\w+)"/gi)) {
    if (!TABLES.has(table!)) out.push(`table ${table} in: ${sql}`)
  }
  for (const [, column] of sql.matchAll(/"patients"\."(\w+)"/g)) {
    if (!PATIENT_COLUMNS.has(column!)) out.push(`patients.${column} in: ${sql}`)
  }
  if (/from "patients"/.test(sql)) {
    // Unqualified columns of a patients-only query.
    for (const [, column] of sql.slice(0, sql.indexOf(' from "patients"')).matchAll(/"(\w+)"/g)) {
      if (!PATIENT_COLUMNS.has(column!)) out.push(`${column} in: ${sql}`)
    }
  }
  return out
}
