import path from 'node:path'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorMessage } from '../views/errors/error.page.js'
import { analyticsRoutes } from './analytics/analytics.routes.js'
import { monthRoutes } from './analytics/month.routes.js'
import { auditRoutes } from './audit/audit.routes.js'
import { authRoutes } from './auth/auth.routes.js'
import { backupRoutes } from './backups/backups.routes.js'
import { deviceRoutes } from './devices/devices.routes.js'
import { adminStepUp } from './staff/second-factor.js'
import { staffRoutes } from './staff/staff.routes.js'
import { healthRoutes } from './health/health.routes.js'
import { patientRoutes } from './patients/patients.routes.js'
import { homeRoutes } from './home/home.routes.js'
import { createI18n } from './i18n/i18n.js'
import { assertEveryRouteDeclaresAccess } from './http/access.js'
import type { AppEnv, Services } from './http/app-env.js'
import { UserFacingError } from './http/errors.js'
import { requestBodyLimit } from './http/middleware/body-limit.js'
import { csrf } from './http/middleware/csrf.js'
import { diskSpaceGuard, isDiskFull } from './http/middleware/disk-space.js'
import { deviceAuth } from './http/middleware/device.js'
import { requestContext } from './http/middleware/request-context.js'
import { securityHeaders } from './http/middleware/security-headers.js'
import { sessionAuth } from './http/middleware/session.js'
import { durableAnswers } from './http/middleware/durable-answers.js'
import { primitiveHtml, renderer } from './http/render.js'
import { appRoot } from './paths.js'
import { staticRoutes } from './static/static.routes.js'
import { scheduleRoutes } from './schedule/schedule.routes.js'
import { medicalRoutes } from './medical/medical.routes.js'
import { chartRoutes } from './chart/chart.routes.js'
import { medicalFileRoutes } from './medical-files/medical-files.routes.js'
import { idsTemplateRoutes } from './plans/ids-templates.routes.js'
import { idsRoutes } from './plans/ids.routes.js'
import { planEditRoutes } from './plans/plan-edit.routes.js'
import { planRoutes } from './plans/plans.routes.js'
import { billingDayRoutes } from './billing/billing-day.routes.js'
import { billingRoutes } from './billing/billing.routes.js'
import { billingPrintRoutes } from './billing/billing-print.routes.js'
import { payrollRoutes } from './billing/payroll.routes.js'
import { priceRoutes } from './prices/prices.routes.js'
import { stockDocumentRoutes } from './stock/stock-documents.routes.js'
import { stockReportRoutes } from './stock/stock-report.routes.js'
import { stockRoutes } from './stock/stock.routes.js'
import { techCardRoutes } from './stock/tech-cards.routes.js'

/**
 * Builds the Hono app. Middleware order is the request path of DESIGN.md §2:
 * headers → device certificate → session → CSRF → per-route access guard → handler.
 * @throws Error when a route does not declare its access rule.
 */
export function createApp(services: Services) {
  const app = new Hono<AppEnv>()

  app.use(requestContext(services))
  if (services.durable) app.use(durableAnswers(services.durable))
  app.use(primitiveHtml())
  // First, so that refusals by the middleware below still render inside the full layout.
  app.use(renderer())
  app.use(securityHeaders())
  app.use(
    requestBodyLimit(services.config.uploadMaxBytes + 64 * 1024, () => {
      throw new UserFacingError(413, 'error.too_large')
    }),
  )
  app.use(deviceAuth())
  app.use(sessionAuth())
  app.use(csrf())
  // A nearly full disk refuses new records before SQLite or the file store runs out.
  app.use(diskSpaceGuard())
  // A second factor before any administration, when the person or the clinic turned it on.
  app.use('/admin/*', adminStepUp())

  // --- public ---
  app.route('/', staticRoutes(path.join(appRoot(), 'static')))
  app.route('/', healthRoutes())
  // --- sign-in, lock, password ---
  app.route('/', authRoutes())
  // --- pages ---
  app.route('/', homeRoutes())
  app.route('/', patientRoutes())
  app.route('/', scheduleRoutes())
  // --- the medical card (form 025/у) and the dental chart ---
  app.route('/', medicalRoutes())
  app.route('/', chartRoutes())
  // --- treatment plans, ИДС, medical files, price list ---
  app.route('/', planRoutes())
  app.route('/', planEditRoutes())
  app.route('/', idsRoutes())
  app.route('/', medicalFileRoutes())
  app.route('/', priceRoutes())
  app.route('/', idsTemplateRoutes())
  // --- payments, statements, tax certificate, doctors' pay ---
  app.route('/', billingRoutes())
  app.route('/', billingDayRoutes())
  app.route('/', billingPrintRoutes())
  app.route('/', payrollRoutes())
  // --- stock: materials, receipts, write-offs, stock-takes, technology cards ---
  app.route('/', stockRoutes())
  app.route('/', stockDocumentRoutes())
  app.route('/', techCardRoutes())
  app.route('/', stockReportRoutes())
  // --- the owner's office ---
  app.route('/', staffRoutes())
  app.route('/', deviceRoutes())
  app.route('/', auditRoutes())
  app.route('/', backupRoutes())
  app.route('/', analyticsRoutes())
  app.route('/', monthRoutes())

  app.notFound(() => {
    throw new UserFacingError(404, 'error.not_found')
  })

  app.onError((err, c) => {
    const i18n = c.get('i18n') ?? createI18n(services.config.locale, services.config.timeZone)
    if (err instanceof UserFacingError || err instanceof HTTPException) {
      const status = err.status
      const message =
        err instanceof UserFacingError ? i18n.t(err.messageKey) : i18n.t('error.forbidden')
      return errorResponse(c, status, message, i18n)
    }
    if (isDiskFull(err)) {
      // Rolled back whole (one transaction; a blob's temp file is removed): say so, no stack.
      services.log.error(
        {
          requestId: c.get('requestId'),
          staffId: c.get('session')?.staffId,
          deviceId: c.get('device')?.id,
          path: c.req.path,
          code: (err as { code?: string }).code,
        },
        'disk full: request failed, nothing was saved',
      )
      return errorResponse(c, 507, i18n.t('error.disk_full'), i18n)
    }
    services.log.error(
      {
        requestId: c.get('requestId'),
        staffId: c.get('session')?.staffId,
        deviceId: c.get('device')?.id,
        err: {
          name: (err as Error).name,
          message: (err as Error).message,
          stack: (err as Error).stack,
        },
      },
      'request failed',
    )
    return errorResponse(c, 500, i18n.t('error.internal', { id: c.get('requestId') ?? '-' }), i18n)
  })

  assertEveryRouteDeclaresAccess(app.routes)
  return app
}

type Ctx = Parameters<Parameters<Hono<AppEnv>['onError']>[0]>[1]

function errorResponse(c: Ctx, status: number, message: string, i18n: AppEnv['Variables']['i18n']) {
  c.status(status as 400)
  if (c.req.header('hx-request') === 'true') {
    return c.html(<ErrorMessage i18n={i18n} message={message} />)
  }
  return c.render(<ErrorMessage i18n={i18n} message={message} />, { title: i18n.t('error.title') })
}
