import type { HttpBindings } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { jsxRenderer } from 'hono/jsx-renderer'
import type { Logger } from 'pino'
import { EnrollForm, EnrollLayout, EnrollMessage } from '../../views/enrollment/enroll.page.js'
import { durableAnswers } from '../http/middleware/durable-answers.js'
import { securityHeaders } from '../http/middleware/security-headers.js'
import type { I18n } from '../i18n/i18n.js'
import type { MessageKey } from '../i18n/messages.js'
import { downloadBundle, enrollmentState } from './bundle-download.service.js'
import { normalizeToken, type EnrollmentDeps } from './enrollment.service.js'

export interface ListenerRoutesDeps extends EnrollmentDeps {
  log: Logger
  i18n: I18n
  /** Every refused attempt waits this long before its answer (a brake on guessing). */
  failureDelayMs: number
  /** Called once a response has gone out after which a window may have closed. */
  afterWindowClosed(): void
  /** As Services.durable: each answer waits until its writes are on disk. */
  durable?: () => Promise<void>
}

type Env = { Bindings: HttpBindings }
type Ctx = Context<Env>

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The whole of the enrollment listener: GET shows the PIN form of an open window, POST
 * trades the right PIN for the bundle once. Everything else is a 404. No cookies, no
 * sessions, the main app's security headers.
 */
export function listenerRoutes(deps: ListenerRoutesDeps) {
  const app = new Hono<Env>()
  const { t } = deps.i18n
  // A bundle handed out is a device recorded: no answer before the record is on disk.
  if (deps.durable) app.use(durableAnswers(deps.durable))
  app.use(securityHeaders())
  app.use(bodyLimit({ maxSize: 4096, onError: (c) => message(c, 413, 'enroll.site.refused') }))
  app.use(
    jsxRenderer(
      ({ children, title }) => (
        <EnrollLayout i18n={deps.i18n} title={title}>
          {children}
        </EnrollLayout>
      ),
      {
        docType: true,
      },
    ),
  )

  function message(c: Ctx, status: 403 | 404 | 410 | 413 | 500, key: MessageKey) {
    c.status(status)
    return c.render(<EnrollMessage i18n={deps.i18n} message={t(key)} />, {
      title: t('enroll.site.title'),
    })
  }

  function pinForm(c: Ctx, status: 200 | 401 | 422, token: string, error?: string) {
    c.status(status)
    return c.render(<EnrollForm i18n={deps.i18n} action={`/enroll/${token}`} error={error} />, {
      title: t('enroll.site.title'),
    })
  }

  /** When this response is out, let the listener stop if no window is left open. */
  function closeAfterResponse(c: Ctx) {
    const out = c.env?.outgoing
    if (out) out.once('close', () => deps.afterWindowClosed())
    else deps.afterWindowClosed()
  }

  app.get('/enroll/:token', async (c) => {
    const state = await enrollmentState(deps, c.req.param('token'))
    if (state === 'unknown') return message(c, 404, 'enroll.site.not_found')
    if (state === 'closed') return message(c, 410, 'enroll.site.closed')
    return pinForm(c, 200, normalizeToken(c.req.param('token'))!)
  })

  app.post('/enroll/:token', async (c) => {
    // No cookies here, so no CSRF token: a page elsewhere could at most spend attempts, but
    // browsers say where a request comes from and only this page's own form is accepted.
    const site = c.req.header('sec-fetch-site')
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return message(c, 403, 'enroll.site.refused')
    }
    const body = await c.req.parseBody()
    const pin = typeof body.pin === 'string' ? body.pin.trim() : ''
    const token = c.req.param('token')
    if (!pin) {
      // Not an attempt: nothing to count or audit, only the form again.
      const state = await enrollmentState(deps, token)
      if (state === 'unknown') return message(c, 404, 'enroll.site.not_found')
      if (state === 'closed') return message(c, 410, 'enroll.site.closed')
      return pinForm(c, 422, normalizeToken(token)!, t('enroll.site.pin_required'))
    }
    const remote = c.env?.incoming?.socket.remoteAddress
    const result = await downloadBundle(deps, { token, pin: pin.slice(0, 64), remote })
    if (result.ok) {
      closeAfterResponse(c)
      return c.body(new Uint8Array(result.bundle), 200, {
        'Content-Type': 'application/x-pkcs12',
        'Content-Disposition': `attachment; filename="${result.fileName}"`,
        'Cache-Control': 'no-store',
      })
    }
    await sleep(deps.failureDelayMs)
    if (result.reason === 'unknown') return message(c, 404, 'enroll.site.not_found')
    if (result.reason === 'closed' || result.attemptsLeft === 0) {
      closeAfterResponse(c)
      return message(c, 410, 'enroll.site.closed')
    }
    const error = t('enroll.site.wrong_pin', { left: result.attemptsLeft })
    return pinForm(c, 401, normalizeToken(token)!, error)
  })

  app.notFound((c) => message(c, 404, 'enroll.site.not_found'))
  app.onError((err, c) => {
    deps.log.error({ err: { name: err.name, message: err.message } }, 'enrollment request failed')
    return message(c, 500, 'enroll.site.error')
  })
  return app
}
