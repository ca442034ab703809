import { Hono, type Context } from 'hono'
import { AuditPage } from '../../views/audit/audit.page.js'
import { AuditTable, type AuditTableProps } from '../../views/audit/audit-table.partial.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { UserFacingError } from '../http/errors.js'
import { isHtmx } from '../http/render.js'
import { clinicToday } from '../schedule/clinic-time.js'
import { actionLabel, KNOWN_ACTIONS, OUTCOMES, outcomeLabel } from './actions.js'
import {
  auditQueryString,
  filterDetails,
  parseAuditQuery,
  validValues,
  type ParsedQuery,
} from './audit-filter.js'
import { auditCsvStream } from './audit-csv.js'
import {
  allAuditEvents,
  AUDIT_PAGE_SIZE,
  filterChoices,
  searchAuditEvents,
} from './audit.queries.js'
import { recordAudit } from './audit.service.js'
import { breakGlassRoutes } from './break-glass.routes.js'
import { countUnreviewedBreakGlass } from './break-glass.queries.js'
import { patientReportRoutes } from './patient-report.routes.js'

type Ctx = Context<AppEnv>

/** Rows and links of one page of the trail; no rows when the filter has errors. */
async function tableFor(c: Ctx, q: ParsedQuery): Promise<Omit<AuditTableProps, 'i18n'>> {
  const { t } = c.get('i18n')
  const errors = Object.values(q.errors).map((key) => t(key))
  if (errors.length > 0) return { rows: [], errors, links: {} }
  const s = c.get('services')
  const page = await searchAuditEvents(s.db, q.filter, q.cursor, s.config.timeZone)
  const values = validValues(q)
  const at = (cursor: { before?: number; after?: number }) =>
    `/audit${auditQueryString(values, cursor)}`
  const paged = q.cursor.before !== undefined || q.cursor.after !== undefined
  return {
    rows: page.rows,
    links: {
      older: page.older ? at({ before: page.older }) : undefined,
      newer: page.newer ? at({ after: page.newer }) : undefined,
      newest: paged ? at({}) : undefined,
      export: `/audit/export.csv${auditQueryString(values)}`,
    },
  }
}

/** The audit trail (office): search, CSV export, patient access report, break-glass review. */
export function auditRoutes() {
  const app = new Hono<AppEnv>()

  // --- the trail ---
  app.get('/audit', allow('audit.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const q = parseAuditQuery(c.req.query())
    const table = await tableFor(c, q)
    if (table.errors) c.status(422)
    if (isHtmx(c)) return c.html(<AuditTable i18n={i18n} {...table} />)
    const [choices, unreviewed] = await Promise.all([
      filterChoices(s.db),
      countUnreviewedBreakGlass(s.db),
    ])
    return c.render(
      <AuditPage
        i18n={i18n}
        pageSize={AUDIT_PAGE_SIZE}
        unreviewedBreakGlass={unreviewed}
        values={q.values}
        errors={q.errors}
        choices={{
          ...choices,
          actions: KNOWN_ACTIONS.map((code) => ({ code, label: actionLabel(i18n.t, code) })),
          outcomes: OUTCOMES.map((code) => ({ code, label: outcomeLabel(i18n.t, code) })),
        }}
        table={table}
      />,
      { title: i18n.t('audit.title') },
    )
  })

  // --- CSV export of the current filter (itself audited, ONC d3) ---
  app.get('/audit/export.csv', allow('audit.read'), async (c) => {
    const s = c.get('services')
    const q = parseAuditQuery(c.req.query())
    if (Object.keys(q.errors).length > 0) throw new UserFacingError(422, 'audit.error.summary')
    // Recorded before the first byte: if the audit write fails, nothing is exported.
    const now = s.now()
    const exportId = await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      {
        action: 'audit.export',
        patientId: q.filter.patientId ?? null,
        category: 'audit',
        details: { format: 'csv', ...filterDetails(q.filter) },
      },
      now,
    )
    // The clinic's date in the file name (YYYY-MM-DD); ASCII only, no names.
    const day = clinicToday(now, s.config.timeZone)
    return c.body(
      auditCsvStream(
        c.get('i18n'),
        allAuditEvents(s.db, q.filter, s.config.timeZone, { beforeId: exportId }),
      ),
      200,
      {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="enamel-audit-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    )
  })

  app.route('/', patientReportRoutes())
  app.route('/', breakGlassRoutes())
  return app
}
