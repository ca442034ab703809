import { beforeAll, describe, expect, it } from 'vitest'
import { ZONES, type Zone } from '../config.js'
import { effectivePermissions, type Role } from '../policy/permissions.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'
import { routeAccessTable, type Access } from './access.js'

/**
 * THE table of every route and what it requires. A route missing here, or declaring something
 * else, fails the suite: adding a route means deciding its rule in review.
 */
const EXPECTED: Record<string, Access> = {
  'GET /static/*': 'public',
  'GET /healthz': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'session',
  'POST /switch-user': 'session',
  'GET /lock': 'session',
  'POST /lock': 'session',
  'POST /unlock': 'session',
  'GET /password': 'session',
  'POST /password': 'session',
  'POST /language': 'staff',
  'GET /': 'staff',
  // --- staff, access levels, clinic settings (office) and one's own second factor ---
  'GET /admin/staff': 'admin.staff',
  'POST /admin/staff': 'admin.staff',
  'GET /admin/staff/matrix': 'admin.staff',
  'GET /admin/staff/history': 'admin.staff',
  'GET /admin/staff/:id': 'admin.staff',
  'POST /admin/staff/:id/update': 'admin.staff',
  'POST /admin/staff/:id/deactivate': 'admin.staff',
  'POST /admin/staff/:id/reactivate': 'admin.staff',
  'POST /admin/staff/:id/reset-password': 'admin.staff',
  'POST /admin/staff/:id/permissions': 'admin.staff',
  'GET /admin/settings': 'admin.staff',
  'POST /admin/settings': 'admin.staff',
  'GET /account/totp': 'staff',
  'POST /account/totp/setup': 'staff',
  'POST /account/totp/enable': 'staff',
  'POST /account/totp/disable': 'staff',
  'GET /account/totp/verify': 'staff',
  'POST /account/totp/verify': 'staff',
  // --- audit trail, patient access report, break-glass (audit: office only) ---
  'GET /audit': 'audit.read',
  'GET /audit/export.csv': 'audit.read',
  // --- the owner's analytics and month close (office only) ---
  'GET /analytics': 'analytics.read',
  'GET /analytics/export.csv': 'analytics.read',
  'GET /analytics/month': 'analytics.read',
  'GET /audit/patients/:id': 'audit.read',
  'GET /audit/break-glass': 'audit.read',
  'POST /audit/break-glass/:id/review': 'audit.read',
  'GET /break-glass/:patientId': 'medical.read',
  'POST /break-glass/:patientId': 'medical.read',
  // --- terminals and enrollment windows (office) ---
  'GET /admin/devices': 'admin.devices',
  'POST /admin/devices/issue': 'admin.devices',
  'GET /admin/devices/:id': 'admin.devices',
  'POST /admin/devices/:id/rename': 'admin.devices',
  'GET /admin/devices/:id/revoke': 'admin.devices',
  'POST /admin/devices/:id/revoke': 'admin.devices',
  'GET /admin/devices/:id/reissue': 'admin.devices',
  'POST /admin/devices/:id/reissue': 'admin.devices',
  'POST /admin/devices/:id/enroll': 'admin.devices',
  'POST /admin/devices/:id/enroll/close': 'admin.devices',
  // --- backups and restore drills (office) ---
  'GET /admin/backups': 'admin.backups',
  'GET /admin/backups/progress': 'admin.backups',
  'POST /admin/backups/run': 'admin.backups',
  'POST /admin/backups/verify': 'admin.backups',
  // --- treatment plans, ИДС, medical files, price list ---
  'GET /patients/:patientId/plans': 'medical.read',
  'POST /patients/:patientId/plans': 'medical.write',
  'GET /patients/:patientId/plans/:planId': 'medical.read',
  'GET /patients/:patientId/plans/:planId/print': 'medical.read',
  'POST /patients/:patientId/plans/:planId/stages': 'medical.write',
  'POST /patients/:patientId/plans/:planId/items': 'medical.write',
  'POST /patients/:patientId/plans/:planId/status': 'medical.write',
  'POST /patients/:patientId/plans/:planId/items/:itemId/status': 'medical.write',
  'GET /patients/:patientId/plans/:planId/ids/print': 'medical.read',
  'POST /patients/:patientId/plans/:planId/ids': 'medical.write',
  'GET /patients/:patientId/files': 'medical.files.read',
  'POST /patients/:patientId/files': 'medical.files.write',
  'GET /patients/:patientId/files/:fileId': 'medical.files.read',
  'GET /patients/:patientId/files/:fileId/thumbnail': 'medical.files.read',
  'GET /prices': 'billing.read',
  // --- payments: the desk takes money (billing.write); a procedure is recorded at the desk or at
  // the chair (medical.write); statements and the tax certificate (billing.read); pay (office)
  'GET /billing': 'billing.read',
  'GET /patients/:patientId/billing': 'billing.read',
  'POST /patients/:patientId/billing/payments': 'billing.write',
  'POST /patients/:patientId/billing/payments/:paymentId/refund': 'billing.write',
  'POST /patients/:patientId/billing/services': 'billing.write',
  'POST /patients/:patientId/billing/services/:serviceId/reverse': 'billing.write',
  'POST /patients/:patientId/visit-services': 'medical.write',
  'POST /patients/:patientId/visit-services/:serviceId/reverse': 'medical.write',
  'GET /patients/:patientId/billing/statement': 'billing.read',
  'GET /patients/:patientId/billing/tax-certificate': 'billing.read',
  'POST /patients/:patientId/billing/tax-certificate': 'billing.read',
  'GET /payroll': 'billing.payroll',
  'POST /payroll/:doctorId/rules': 'billing.payroll',
  'GET /payroll/:doctorId': 'billing.payroll',
  'GET /payroll/:doctorId/print': 'billing.payroll',
  'GET /admin/requisites': 'admin.staff',
  'POST /admin/requisites': 'admin.staff',
  'GET /admin/prices': 'admin.staff',
  'POST /admin/prices/groups': 'admin.staff',
  'POST /admin/prices/items': 'admin.staff',
  'GET /admin/prices/items/:itemId': 'admin.staff',
  'POST /admin/prices/items/:itemId': 'admin.staff',
  'GET /admin/ids-templates': 'admin.staff',
  'POST /admin/ids-templates': 'admin.staff',
  'GET /admin/ids-templates/:templateId': 'admin.staff',
  'POST /admin/ids-templates/:templateId': 'admin.staff',
  // --- stock: read by the clinical team, changed by the owner and assistants ---
  'GET /stock': 'stock.read',
  'GET /stock/materials/new': 'stock.write',
  'POST /stock/materials': 'stock.write',
  'GET /stock/materials/:materialId': 'stock.read',
  'POST /stock/materials/:materialId': 'stock.write',
  'GET /stock/receipts/new': 'stock.write',
  'POST /stock/receipts': 'stock.write',
  'GET /stock/write-offs/new': 'stock.write',
  'POST /stock/write-offs': 'stock.write',
  'GET /stock/stocktakes/new': 'stock.write',
  'POST /stock/stocktakes': 'stock.write',
  'GET /stock/stocktakes/:stocktakeId': 'stock.read',
  'GET /stock/tech-cards': 'stock.read',
  'GET /stock/tech-cards/:priceItemId': 'stock.read',
  'POST /stock/tech-cards/:priceItemId/lines': 'stock.write',
  'POST /stock/tech-cards/:priceItemId/lines/:lineId/remove': 'stock.write',
  'GET /stock/report': 'stock.read',
  // --- patients: registry, search, card, notes, consents, scans, export, mailing lists ---
  'GET /patients': 'patients.contacts.read',
  'POST /patients/search': 'patients.contacts.read',
  'GET /patients/new': 'patients.contacts.write',
  'POST /patients': 'patients.contacts.write',
  'GET /patients/:id': 'patients.contacts.read',
  'GET /patients/:id/edit': 'patients.contacts.write',
  'POST /patients/:id/update': 'patients.contacts.write',
  'GET /patients/:id/notes': 'patients.notes.read',
  'POST /patients/:id/notes/add': 'patients.notes.write',
  'GET /patients/:id/consents': 'patients.contacts.read',
  'POST /patients/:id/consents/add': 'patients.consents.write',
  'POST /patients/:id/consents/:consentId/withdraw': 'patients.consents.write',
  'GET /patients/:id/consents/:consentId/scan': 'patients.documents.read',
  'GET /patients/:id/consents/print/:kind': 'patients.consents.write',
  'GET /patients/:id/documents': 'patients.documents.read',
  'POST /patients/:id/documents/upload': 'patients.documents.write',
  'GET /patients/:id/documents/:docId': 'patients.documents.read',
  'GET /patients/:id/documents/:docId/file': 'patients.documents.read',
  'POST /patients/:id/documents/:docId/remove': 'patients.documents.write',
  'GET /patients/:id/export': 'patients.export',
  'GET /patients/:id/export.json': 'patients.export',
  'GET /marketing/birthdays': 'marketing.lists',
  'GET /marketing/lapsed': 'marketing.lists',
  'GET /admin/consent-templates': 'admin.staff',
  'POST /admin/consent-templates/:kind': 'admin.staff',
  // --- schedule: views (read), booking and changes, chairs and hours (write) ---
  'GET /schedule': 'schedule.read',
  'GET /schedule/week': 'schedule.read',
  'GET /schedule/version': 'schedule.read',
  'GET /schedule/print': 'schedule.read',
  'GET /schedule/appointments/:id': 'schedule.read',
  'GET /patients/:id/visits': 'schedule.read',
  'GET /schedule/appointments/new': 'schedule.write',
  'POST /schedule/patient-picker': 'schedule.write',
  'POST /schedule/appointments': 'schedule.write',
  'GET /schedule/appointments/:id/edit': 'schedule.write',
  'POST /schedule/appointments/:id/move': 'schedule.write',
  'POST /schedule/appointments/:id/resize': 'schedule.write',
  'POST /schedule/appointments/:id/status': 'schedule.write',
  'POST /schedule/appointments/:id/cancel': 'schedule.write',
  'GET /schedule/settings': 'schedule.write',
  'POST /schedule/chairs': 'schedule.write',
  'POST /schedule/chairs/:id/active': 'schedule.write',
  'POST /schedule/working-hours': 'schedule.write',
  'POST /schedule/working-hours/:id/delete': 'schedule.write',
  'POST /schedule/days-off': 'schedule.write',
  'POST /schedule/days-off/:id/delete': 'schedule.write',
  // --- medical card (025/у): card, title page, visit records, signing, printing, templates ---
  'GET /patients/:id/medical': 'medical.read',
  'GET /patients/:id/medical/title': 'medical.write',
  'POST /patients/:id/medical/title': 'medical.write',
  'GET /patients/:id/medical/title/history': 'medical.read',
  'GET /patients/:id/medical/print': 'medical.read',
  'GET /patients/:id/medical/visits/new': 'medical.write',
  'POST /patients/:id/medical/visits': 'medical.write',
  'POST /patients/:id/medical/visits/compose': 'medical.write',
  'GET /patients/:id/medical/visits/:visitId': 'medical.read',
  'GET /patients/:id/medical/visits/:visitId/edit': 'medical.write',
  'POST /patients/:id/medical/visits/:visitId': 'medical.write',
  'POST /patients/:id/medical/visits/:visitId/sign': 'medical.sign',
  'GET /patients/:id/medical/visits/:visitId/correct': 'medical.sign',
  'POST /patients/:id/medical/visits/:visitId/correct': 'medical.sign',
  'POST /patients/:id/medical/visits/:visitId/delete': 'medical.write',
  'GET /patients/:id/medical/visits/:visitId/history': 'medical.read',
  'GET /patients/:id/medical/visits/:visitId/print': 'medical.read',
  'POST /medical/icd10': 'medical.write',
  'GET /medical/templates': 'medical.write',
  'POST /medical/templates': 'medical.write',
  'GET /medical/templates/:templateId': 'medical.write',
  'POST /medical/templates/:templateId': 'medical.write',
  'POST /medical/templates/:templateId/delete': 'medical.write',
  // --- dental chart (FDI): now or at a date, one tooth's marks, signing, history ---
  'GET /patients/:id/chart': 'medical.read',
  'GET /patients/:id/chart/history': 'medical.read',
  'GET /patients/:id/chart/teeth/:tooth': 'medical.write',
  'POST /patients/:id/chart/teeth/:tooth': 'medical.write',
  'POST /patients/:id/chart/sign': 'medical.sign',
}

const ROLES: Role[] = ['owner', 'doctor', 'assistant', 'receptionist']

describe('permission matrix', { timeout: 240_000 }, () => {
  let t: TestApp
  const sessions = new Map<string, ReturnType<TestApp['browser']>>()

  beforeAll(async () => {
    t = await createTestApp()
    for (const role of ROLES) {
      await t.addStaff(role, role)
      for (const zone of ZONES) {
        const b = t.browser(await t.addDevice(zone))
        await b.login(role)
        sessions.set(`${role}@${zone}`, b)
      }
    }
  })

  it('every registered route declares exactly the expected access', () => {
    const actual = Object.fromEntries(
      routeAccessTable(t.app.routes).map((r) => [`${r.method} ${r.path}`, r.access]),
    )
    expect(actual).toEqual(EXPECTED)
  })

  it('allows and denies each permission route for every role in every zone', async () => {
    const checked: string[] = []
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (['public', 'session', 'staff'].includes(access)) continue
      const [method, pattern] = route.split(' ') as [string, string]
      const path = pattern.replace(/:[a-zA-Z]+/g, '1').replace('*', 'x')
      for (const role of ROLES) {
        for (const zone of ZONES) {
          const b = sessions.get(`${role}@${zone}`)!
          const res = method === 'GET' ? await b.request(path) : await b.post(path, {})
          const allowed = effectivePermissions(role, { grants: [], denials: [] }, zone as Zone).has(
            access as never,
          )
          const label = `${role}@${zone} ${route} (${access})`
          if (allowed) expect(res.status, label).not.toBe(403)
          else expect(res.status, label).toBe(403)
          expect(res.status, label).toBeLessThan(500)
          checked.push(label)
        }
      }
    }
    expect(checked.length).toBe(
      Object.values(EXPECTED).filter((a) => !['public', 'session', 'staff'].includes(a)).length *
        ROLES.length *
        ZONES.length,
    )
  })
})
