import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { TotpVerifyPage } from '../../views/staff/totp-verify.page.js'
import { TotpPage, type TotpPageProps } from '../../views/staff/totp.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, permissionsOf } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { forbidden } from '../http/errors.js'
import { form } from '../http/forms.js'
import { getSetting, REQUIRE_TOTP_FOR_ADMIN_KEY } from '../policy/policy.js'
import { safeReturnPath, TOTP_PAGE } from './second-factor.js'
import { findStaffById } from './staff.queries.js'
import type { Staff } from './staff.table.js'
import {
  disableTotp,
  enableTotp,
  startTotpSetup,
  verifySessionTotp,
} from './totp-account.service.js'
import { otpauthUri, unsealTotpSecret, type TotpDeps, type TotpResult } from './totp.service.js'

type Ctx = Context<AppEnv>

const codeForm = z.object({
  code: z.string().max(20).default(''),
  next: z.string().max(200).default(''),
})

/**
 * One's own account, so 'staff' access; but only at an office terminal: the secret is shown
 * on screen, and reception and chair screens face patients. TOTP guards admin.*, which is
 * office-only anyway, so nobody needs it elsewhere.
 */
function officeOnly(): MiddlewareHandler<AppEnv> {
  return async function officeOnly(c, next) {
    if (c.get('device').zone === 'office') return next()
    const s = c.get('services')
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'access.denied',
      outcome: 'denied',
      details: { route: c.req.routePath, method: c.req.method, reason: 'zone' },
    })
    throw forbidden()
  }
}

function deps(c: Ctx): TotpDeps {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, secretsKey: s.keys.secrets, now: s.now }
}

async function me(c: Ctx): Promise<Staff> {
  const staff = await findStaffById(c.get('services').db, c.get('session')!.staffId)
  if (!staff) throw forbidden()
  return staff
}

/** Setting TOTP up is for owners and administrators (issue 3); anyone may turn theirs off. */
async function mayAdminister(c: Ctx): Promise<boolean> {
  return [...(await permissionsOf(c))].some((p) => p.startsWith('admin.'))
}

async function renderTotp(c: Ctx, staff: Staff, extra: Partial<TotpPageProps> = {}) {
  const s = c.get('services')
  const secret = staff.totp_enabled === 1 ? undefined : unsealTotpSecret(s.keys.secrets, staff)
  const state = staff.totp_enabled === 1 ? 'on' : secret ? 'pending' : 'off'
  const required = state !== 'on' && (await getSetting(s.db, REQUIRE_TOTP_FOR_ADMIN_KEY)) === '1'
  return c.render(
    <TotpPage
      i18n={c.get('i18n')}
      csrfToken={c.get('csrfToken')}
      state={state}
      setup={
        secret ? { secret, uri: otpauthUri(secret, s.config.clinicName, staff.login) } : undefined
      }
      required={required}
      {...extra}
    />,
    { title: c.get('i18n').t('totp.title') },
  )
}

function failure(c: Ctx, result: Exclude<TotpResult, 'ok'>): string {
  c.status(result === 'throttled' ? 429 : 422)
  return c.get('i18n').t(result === 'throttled' ? 'totp.throttled' : 'totp.bad_code')
}

/** One's own second factor: set up, confirm, turn off, and the step-up before admin pages. */
export function totpRoutes() {
  const app = new Hono<AppEnv>()
  const guard = [allow('staff'), officeOnly()] as const

  app.get(TOTP_PAGE, ...guard, async (c) => {
    const staff = await me(c)
    if (staff.totp_enabled !== 1 && !(await mayAdminister(c))) throw forbidden()
    const done = c.req.query('done')
    const notice =
      done === 'enabled' || done === 'disabled' ? c.get('i18n').t(`totp.${done}`) : undefined
    return renderTotp(c, staff, { notice })
  })

  app.post(`${TOTP_PAGE}/setup`, ...guard, async (c) => {
    if (!(await mayAdminister(c))) throw forbidden()
    await startTotpSetup(deps(c), auditActor(c), await me(c))
    return c.redirect(TOTP_PAGE, 303)
  })

  app.post(`${TOTP_PAGE}/enable`, ...guard, async (c) => {
    if (!(await mayAdminister(c))) throw forbidden()
    const { code } = await form(c, codeForm)
    const staff = await me(c)
    const result = await enableTotp(deps(c), auditActor(c), c.get('session')!.id, staff, code)
    if (result === 'ok') return c.redirect(`${TOTP_PAGE}?done=enabled`, 303)
    return renderTotp(c, staff, { error: failure(c, result) })
  })

  app.post(`${TOTP_PAGE}/disable`, ...guard, async (c) => {
    const { code } = await form(c, codeForm)
    const staff = await me(c)
    const result = await disableTotp(deps(c), auditActor(c), staff, code)
    if (result === 'ok') return c.redirect(`${TOTP_PAGE}?done=disabled`, 303)
    return renderTotp(c, staff, { error: failure(c, result) })
  })

  app.get(`${TOTP_PAGE}/verify`, ...guard, async (c) => {
    if ((await me(c)).totp_enabled !== 1) return c.redirect(TOTP_PAGE, 303)
    const next = safeReturnPath(c.req.query('next'))
    return c.render(
      <TotpVerifyPage i18n={c.get('i18n')} csrfToken={c.get('csrfToken')} next={next} />,
      {
        title: c.get('i18n').t('totp.verify.title'),
      },
    )
  })

  app.post(`${TOTP_PAGE}/verify`, ...guard, async (c) => {
    const input = await form(c, codeForm)
    const next = safeReturnPath(input.next)
    const session = c.get('session')!
    const result = await verifySessionTotp(
      deps(c),
      auditActor(c),
      session.id,
      session.staffId,
      input.code,
    )
    if (result === 'ok') return c.redirect(next, 303)
    const error = failure(c, result)
    return c.render(
      <TotpVerifyPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        next={next}
        error={error}
      />,
      { title: c.get('i18n').t('totp.verify.title') },
    )
  })

  return app
}
